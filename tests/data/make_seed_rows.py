"""Make the expected rows of the seed article with GNU FriBidi, not with hamish.

    python tests/data/make_seed_rows.py WIDTH > tests/data/seed_rows_wWIDTH.tsv

Needs the `fribidi` command (Debian: libfribidi-bin).  Wrapping is greedy by
words; a line's width is the length of FriBidi's visual string without its
combining marks, which is the number of cells it takes.  Each row is the
logical segment of one paragraph, shaped and reordered by `fribidi --nopad
--nobreak --reordernsm` with the paragraph's direction (its U+FEFF
placeholders for the alef of a lam-alef ligature dropped) (RTL: every paragraph
of the seed starts with an Arabic letter).  The body is read from the sample
file, after its front matter.

Output: one row a line, ``start<TAB>end<TAB>visual``, where ``start:end`` is
the row's range in the body (a break's space belongs to the row before it).
"""

import subprocess
import sys
import unicodedata
from pathlib import Path

SAMPLE = Path(__file__).parents[2] / "sample_articles" / "shafaq-news-ghwayran-2022.txt"


def fribidi(line: str) -> str:
    out = subprocess.run(
        ["fribidi", "--nopad", "--nobreak", "--reordernsm", "--rtl"],
        input=line + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # FriBidi keeps the string's length through a lam-alef ligature by
    # leaving U+FEFF where the alef was; that placeholder is not drawn.
    return out.rstrip("\n").replace("\ufeff", "")


def cells(visual: str) -> int:
    return sum(1 for ch in visual if unicodedata.category(ch) != "Mn")


def main() -> None:
    width = int(sys.argv[1])
    text = SAMPLE.read_text(encoding="utf-8").split("+++\n", 2)[2]
    at = 0
    for para in text.split("\n"):
        words = para.split(" ")
        start = at
        line: list[str] = []
        for word in words:
            candidate = " ".join(line + [word])
            if line and cells(fribidi(candidate)) > width:
                seg = " ".join(line)
                end = start + len(seg) + 1
                print(f"{start}\t{end}\t{fribidi(seg)}")
                start, line = end, [word]
            else:
                line.append(word)
        seg = " ".join(line)
        print(f"{start}\t{at + len(para)}\t{fribidi(seg)}")
        at += len(para) + 1


if __name__ == "__main__":
    main()
