"""Layout speed against the bare pipeline, measured in the same run.

    python benchmarks/layout_speed.py [--mb 2] [--rounds 3]

The corpus is about 2 MB of Arabic news text: paragraphs of 20-90 words drawn
from the bundled Arabic articles, with one word in six replaced by a made-up
word, so that the per-word shaping cache meets a long tail of new words as
real news does.  Every paragraph is distinct, so the paragraph cache never
helps.

Reference: ``get_display(arabic_reshaper.reshape(paragraph))`` per paragraph.
That pipeline is wrong (no mirroring, marks before their base, no wrapping,
no maps); hamish's full layout, with wrapping, reordering and every cell's
map, should be no slower.  Each figure is the best of ``--rounds`` runs, with
hamish's caches emptied before each.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

import arabic_reshaper
from bidi import get_display

from reader.documents import load_article
from reader.files import bundled
from reader.layout import LayoutOptions, layout_paragraph
from reader.layout import wrapping as wrapping_module
from reader.layout.shaping import clear_cache

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def corpus(megabytes: float, seed: int = 7) -> list[str]:
    """Distinct paragraphs of Arabic news text, about ``megabytes`` of UTF-8."""
    words: list[str] = []
    for path in sorted(bundled.samples_dir().glob("*.txt")):
        article = load_article(str(path))
        if article.meta.get("language") == "ar":
            words.extend(article.text.split())
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        para = " ".join(
            "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 8)))
            if rng.random() < 1 / 6
            else rng.choice(words)
            for _ in range(rng.randint(20, 90))
        )
        paragraphs.append(para)
        size += len(para.encode("utf-8"))
    return paragraphs


def best(rounds: int, run: Callable[[], None]) -> float:
    times = []
    for _ in range(rounds):
        layout_paragraph.cache_clear()
        clear_cache()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--width", type=int, default=80)
    args = parser.parse_args()
    paragraphs = corpus(args.mb)
    chars = sum(map(len, paragraphs))
    options = LayoutOptions()

    def bare() -> None:
        for p in paragraphs:
            get_display(arabic_reshaper.reshape(p))

    def full() -> None:
        for p in paragraphs:
            _ = layout_paragraph(p, args.width, options, 1).rows  # every row, laid out

    def no_word_cache() -> None:
        cached = wrapping_module.shape_words

        def uncached(words: list[str], *flags: bool) -> list:  # type: ignore[type-arg]
            clear_cache()
            return cached(words, *flags)

        wrapping_module.shape_words = uncached
        try:
            full()
        finally:
            wrapping_module.shape_words = cached

    reference = best(args.rounds, bare)
    print(f"corpus: {len(paragraphs)} paragraphs, {chars} characters, width {args.width}")
    print(f"reference  get_display(reshape(p)): {reference:.3f} s  (1.00x)")
    for name, run in (
        ("layout with maps, word cache", full),
        ("layout with maps, no word cache", no_word_cache),
    ):
        seconds = best(args.rounds, run)
        print(f"{name:33s}: {seconds:.3f} s  ({seconds / reference:.2f}x)")


if __name__ == "__main__":
    main()
