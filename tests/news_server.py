"""A local web server for the news tests: feeds and pages on 127.0.0.1, never the network.

It serves RSS and Atom in UTF-8, RSS in cp1256 declared only in the HTTP
header and with no declaration at all, hostile titles, a summary-only feed
and its Arabic article page (with navigation, sidebar and footer), a
redirect, a 304 for a conditional request, a 500, a response that never
comes (until the test ends), and responses past any cap.
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# What the feeds say, written out here: the tests compare with these strings,
# never with what the code under test produced.
UTF8_FEED_TITLE = "أخبار الرافدين"
UTF8_ENTRY_TITLES = ("فيضان دجلة في الموصل", "افتتاح معرض الكتاب في بغداد")
ATOM_FEED_TITLE = "نشرة البصرة"
ATOM_ENTRY_TITLE = "موسم التمور في البصرة"
CP1256_FEED_TITLE = "صحيفة الجنوب"
CP1256_ENTRY_TITLES = ("ارتفاع أسعار الطماطم في الأسواق", "وزارة الزراعة تعلن خطة جديدة للري")
CP1256_SUMMARY = (
    "قالت وزارة الزراعة العراقية إن أسعار الطماطم ارتفعت في أسواق البصرة والناصرية "
    "بعد موجة الحر التي ضربت المحافظات الجنوبية هذا الأسبوع."
)
SUMMARY_FEED_TITLE = "موجز الأخبار"
SUMMARY_ENTRY_TITLE = "جفاف الأهوار يهدد الجواميس"
SUMMARY_TEXT = "موجز: جفاف الأهوار."
ARTICLE_PARAGRAPHS = (
    "قالت منظمات بيئية يوم الأحد إن مساحة الأهوار في جنوب العراق تقلصت إلى أقل من ثلث "
    "ما كانت عليه قبل خمس سنوات، بعد مواسم متتالية من شح الأمطار.",
    "وأضاف مربو الجواميس في قضاء الچبايش أنهم اضطروا إلى بيع نصف قطعانهم لأن المياه "
    "صارت مالحة ولا تصلح للشرب.",
    "ودعت المنظمات الحكومة إلى زيادة الإطلاقات المائية من سدود الشمال قبل حلول الصيف.",
)
# The page of the UTF-8 feed's first entry: long enough to leave in the middle.
LONG_PARAGRAPHS = tuple(
    f"الفقرة {n}: ارتفع منسوب نهر دجلة في الموصل وقال الدفاع المدني إن المياه "
    f"غمرت الشارع رقم {n} في الجانب الأيسر من المدينة."
    for n in range(1, 61)
)
# The other entries' pages: one paragraph each, said once here.
PAGE_PARAGRAPHS = {
    "/utf8/1": ("افتتح معرض بغداد الدولي للكتاب أبوابه بمشاركة ثلاثمئة دار نشر.",),
    "/cp/0": (CP1256_SUMMARY, "وتوقع التجار أن تنخفض الأسعار مع وصول محصول الشمال."),
    "/cp/1": ("أعلنت وزارة الزراعة خطة للري بالتنقيط في محافظات الوسط والجنوب.",),
}
NAV_TEXT = "الصفحة الرئيسية"
SIDEBAR_TEXT = "الأكثر قراءة هذا الأسبوع"
FOOTER_TEXT = "جميع الحقوق محفوظة"
HOSTILE_TITLES = (
    "[bold red]markup[/] \x1b[31mred\x1b[0m",
    "<script>alert(1)</script>نص",
)


def _rss(
    title: str, items: list[tuple[str, str, str]], declaration: str = "", minute: int = 0
) -> str:
    # Item n is dated 1n Jun 2025 0n:MM; feeds given different minutes never
    # tie, so "newest first" has one answer whatever order they were fetched in.
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<description>{d}</description>"
        f"<pubDate>Tue, 1{n} Jun 2025 0{n}:{minute:02d}:00 GMT</pubDate>"
        "</item>"
        for n, (t, link, d) in enumerate(items)
    )
    return f'{declaration}<rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'


def _atom(title: str, entry: str, base: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><id>{base}/atom</id>'
        f"<updated>2025-06-01T00:00:00Z</updated><entry><title>{entry}</title>"
        f'<id>{base}/atom/1</id><link href="{base}/atom/1"/>'
        "<updated>2025-06-01T00:00:00Z</updated>"
        '<content type="html">&lt;p&gt;التمور العراقية&lt;/p&gt;</content></entry></feed>'
    )


def article_page(
    title: str = SUMMARY_ENTRY_TITLE, texts: tuple[str, ...] = ARTICLE_PARAGRAPHS
) -> bytes:
    """An article page: the article between navigation, a sidebar and a footer
    (by default the summary-only entry's)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in texts)
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="windows-1256">'
        f"<title>{title}</title></head><body>"
        f'<nav><ul><li><a href="/">{NAV_TEXT}</a></li><li><a href="/x">سياسة</a></li></ul></nav>'
        f'<aside class="sidebar"><h3>{SIDEBAR_TEXT}</h3><ul><li>خبر آخر</li></ul></aside>'
        f'<article class="story"><h1>{title}</h1>{paragraphs}</article>'
        f"<footer><p>{FOOTER_TEXT} 2025</p></footer></body></html>"
    ).encode("cp1256")


def _laughs() -> bytes:
    entities = "".join(
        f'<!ENTITY l{i} "' + (f"&l{i - 1};" if i else "lol") * 10 + '">' for i in range(10)
    )
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>&l9;</title><item><title>ضحك &l9;</title><guid>1</guid></item></channel></rss>"
    ).encode()


@functools.cache
def _gzip_bomb() -> bytes:
    """32 MiB of feed in 32 KiB of gzip."""
    return gzip.compress(b"<rss>" + b" " * (32 << 20) + b"</rss>", compresslevel=1)


Route = tuple[int, dict[str, str], bytes]


class QuietServer(ThreadingHTTPServer):
    """A server that does not print a traceback on stderr when a client hangs up
    (a timed-out fetch does): tests read the stderr of the code they test."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class NewsServer:
    """The routes, the server thread, and what was asked of it."""

    ETAG = '"v1"'

    def __init__(self, port: int = 0) -> None:
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, dict[str, str]] = {}
        self.release = threading.Event()  # the slow route answers once set
        self.routes: dict[str, Route | Callable[[BaseHTTPRequestHandler], None]] = {}
        self.server = QuietServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self._fill()
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str) -> str:
        """The full URL of ``path`` on this server."""
        return self.base + path

    def _fill(self) -> None:
        rss = "application/rss+xml"
        base = self.base
        utf8 = _rss(
            UTF8_FEED_TITLE,
            [(t, f"{base}/utf8/{n}", f"ملخص {t}") for n, t in enumerate(UTF8_ENTRY_TITLES)],
            '<?xml version="1.0" encoding="utf-8"?>',
        ).encode()
        cp1256 = _rss(
            CP1256_FEED_TITLE,
            [
                (CP1256_ENTRY_TITLES[0], f"{base}/cp/0", CP1256_SUMMARY),
                (CP1256_ENTRY_TITLES[1], f"{base}/cp/1", "تعلن الوزارة خطة للري بالتنقيط."),
            ],
            minute=30,
        ).encode("cp1256")
        hostile_items = [
            ("[bold red]markup[/] &#27;[31mred&#27;[0m", "javascript:alert(1)", "x"),
            ("&lt;script&gt;alert(1)&lt;/script&gt;نص", f"{base}/h/1", "<b>bold</b>"),
        ]
        self.routes.update(
            {
                "/utf8.rss": (200, {"Content-Type": f"{rss}; charset=utf-8"}, utf8),
                "/atom.xml": (
                    200,
                    {"Content-Type": "application/atom+xml"},
                    _atom(ATOM_FEED_TITLE, ATOM_ENTRY_TITLE, base).encode(),
                ),
                "/cp1256-header.rss": (
                    200,
                    {"Content-Type": f"{rss}; charset=windows-1256"},
                    cp1256,
                ),
                "/cp1256-bare.rss": (200, {"Content-Type": rss}, cp1256),
                "/hostile.rss": (
                    200,
                    {"Content-Type": rss},
                    _rss("&lt;b&gt;عدائي", hostile_items).encode(),
                ),
                "/summary.rss": (
                    200,
                    {"Content-Type": f"{rss}; charset=utf-8"},
                    _rss(
                        SUMMARY_FEED_TITLE,
                        [(SUMMARY_ENTRY_TITLE, f"{base}/article/1.html", SUMMARY_TEXT)],
                        minute=15,
                    ).encode(),
                ),
                "/article/1.html": (200, {"Content-Type": "text/html"}, article_page()),
                "/utf8/0": (
                    200,
                    {"Content-Type": "text/html"},
                    article_page(UTF8_ENTRY_TITLES[0], LONG_PARAGRAPHS),
                ),
                "/utf8/1": (
                    200,
                    {"Content-Type": "text/html"},
                    article_page(UTF8_ENTRY_TITLES[1], PAGE_PARAGRAPHS["/utf8/1"]),
                ),
                "/cp/0": (
                    200,
                    {"Content-Type": "text/html"},
                    article_page(CP1256_ENTRY_TITLES[0], PAGE_PARAGRAPHS["/cp/0"]),
                ),
                "/cp/1": (
                    200,
                    {"Content-Type": "text/html"},
                    article_page(CP1256_ENTRY_TITLES[1], PAGE_PARAGRAPHS["/cp/1"]),
                ),
                "/redirect.rss": (302, {"Location": "/utf8.rss"}, b""),
                "/loop.rss": (302, {"Location": "/loop.rss"}, b""),
                "/to-file.rss": (302, {"Location": "file:///etc/passwd"}, b""),
                "/error.rss": (500, {"Content-Type": "text/plain"}, b"boom"),
                "/laughs.rss": (200, {"Content-Type": rss}, _laughs()),
                "/not-a-feed.rss": (200, {"Content-Type": "text/plain"}, b"just words"),
                "/etag.rss": self._etag,
                "/slow.rss": self._slow,
                "/big.rss": self._big,
                "/big-declared.rss": (
                    200,
                    {"Content-Type": rss},
                    b"<rss>" + b" " * (3 << 20) + b"</rss>",
                ),
                "/gzip-bomb.rss": (
                    200,
                    {"Content-Type": rss, "Content-Encoding": "gzip"},
                    _gzip_bomb(),
                ),
            }
        )
        self.etag_body = utf8

    def _etag(self, h: BaseHTTPRequestHandler) -> None:
        if h.headers.get("If-None-Match") == self.ETAG:
            h.send_response(304)
            h.send_header("ETag", self.ETAG)
            h.end_headers()
            return
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        h.send_header("ETag", self.ETAG)
        h.send_header("Last-Modified", "Tue, 10 Jun 2025 04:00:00 GMT")
        h.send_header("Content-Length", str(len(self.etag_body)))
        h.end_headers()
        h.wfile.write(self.etag_body)

    def _slow(self, h: BaseHTTPRequestHandler) -> None:
        self.release.wait(30)  # answers when the test says so, or gives up
        body = _rss("بطيء", [("وصل أخيرا", f"{self.base}/slow/1", "متأخر")]).encode()
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _big(self, h: BaseHTTPRequestHandler) -> None:
        """A body with no length that goes on and on (64 MiB at most), until the client leaves."""
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.end_headers()
        chunk = b" " * 65536
        self.big_sent = 0
        try:
            h.wfile.write(b"<rss>")
            for _ in range(1024):
                h.wfile.write(chunk)
                self.big_sent += len(chunk)
        except OSError:
            pass  # the client stopped reading: what the cap is for

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                path = self.path.split("?", 1)[0]
                server.hits[path] += 1
                server.headers[path] = dict(self.headers.items())
                route = server.routes.get(path)
                if route is None:
                    self.send_error(404)
                    return
                if callable(route):
                    route(self)
                    return
                status, headers, body = route
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler

    def start(self) -> NewsServer:
        """Serve in a thread."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Let the slow route go and stop serving."""
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    # `python tests/news_server.py [PORT]`: the same feeds and pages, to try
    # hamish by hand (the README's examples use port 8000).
    import sys

    local = NewsServer(int(sys.argv[1]) if len(sys.argv) > 1 else 8000)
    print(f"serving {local.base}/utf8.rss, /cp1256-bare.rss, /summary.rss, ... (Ctrl+C stops)")
    try:
        local.server.serve_forever()
    except KeyboardInterrupt:
        local.stop()
