"""The bundled sample articles: present, well-formed, and the seed byte-exact."""

from __future__ import annotations

import hashlib

import pytest

from reader.documents import load_article
from reader.files.bundled import samples_dir

# sha256 of shared/seed/shafaq-news-ghwayran-2022.txt, the source file.
SEED_SHA256 = "09029a66b4fa84c3fa7a0a9ac5d26f62f16910fb1b084355a12a634196307408"

SAMPLES = sorted(p.name for p in samples_dir().glob("*.txt"))


def test_there_are_the_seed_and_five_more() -> None:
    assert "shafaq-news-ghwayran-2022.txt" in SAMPLES
    languages = {load_article(str(samples_dir() / n)).meta["language"] for n in SAMPLES}
    assert {"ar", "fa", "ur", "he", "en"} <= languages
    assert len(SAMPLES) >= 6


def test_seed_body_is_byte_exact_with_its_source() -> None:
    article = load_article(str(samples_dir() / "shafaq-news-ghwayran-2022.txt"))
    assert hashlib.sha256(article.text.encode("utf-8")).hexdigest() == SEED_SHA256
    assert article.meta["source"].startswith("Shafaq News")
    assert article.meta["date"] == "2022-01-23"


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_has_title_source_date_language(name: str) -> None:
    article = load_article(str(samples_dir() / name))
    for key in ("title", "source", "date", "language"):
        assert isinstance(article.meta.get(key), str) and article.meta[key]
    assert article.text.strip()


def test_vowelled_sample_is_vowelled_and_persian_has_zwnj() -> None:
    vowelled = load_article(str(samples_dir() / "ar-vowelled.txt")).text
    marks = sum(1 for c in vowelled if "\u064b" <= c <= "\u0652")
    assert marks > 200
    assert "\u200c" in load_article(str(samples_dir() / "fa-persian.txt")).text
