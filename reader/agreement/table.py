"""The terminal report of `hamish agree`, drawn with rich from :func:`report.measure`'s object.

Annotator names, labels and document ids come from the files: each goes
through :func:`reader.safe_text.shown` into a ``rich.text.Text``, never into
markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from reader.agreement.matching import MODES
from reader.safe_text import shown

WHAT_KINDS_MEAN = (
    "clitic: the spans differ only by a proclitic (و ف ب ل ك س ال) or a pronoun suffix, "
    "as t/T cut them; boundary: the same label, overlapping, other edges; label: overlapping "
    "spans with other labels; only A / only B: a span the other has nothing over."
)


def untrusted(value: object) -> Text:
    """A value from a file, as plain text with its controls made visible."""
    return Text(shown(value))


def number(value: float | None, places: int = 3) -> Text:
    """A measure to ``places`` decimals, or ``n/a`` when it is undefined."""
    return Text("n/a" if value is None else f"{value:.{places}f}", justify="right")


def count(value: int) -> Text:
    return Text(str(value), justify="right")


def render(result: dict[str, Any]) -> Group:
    """Every section of the report, in reading order."""
    parts: list[RenderableType] = [_summary(result), _counts(result), _pairs(result)]
    parts.append(_disagreements(result))
    if result["per_label"]:
        parts.append(_labels(result))
    parts.append(_tokens(result))
    if result["worst_documents"]:
        parts.append(_worst(result))
    if result["not_comparable"]:
        parts.append(_not_comparable(result))
    return Group(*parts)


def print_report(result: dict[str, Any], console: Console) -> None:
    """Print the report on ``console``."""
    console.print(render(result))


def _names(names: Iterable[str]) -> Text:
    return Text(", ").join(untrusted(n) for n in names)


def _summary(result: dict[str, Any]) -> Text:
    out = Text(f"Documents compared: {result['documents']}; annotators: ")
    out.append_text(_names(result["annotators"]))
    alone = result["documents_one_annotator"]
    if alone:
        out.append(f"; documents only one annotator did (not compared): {alone}")
    if result["not_comparable"]:
        out.append(f"; not comparable (listed below): {len(result['not_comparable'])}")
    return out


def _counts(result: dict[str, Any]) -> Table:
    labels = sorted({label for spans in result["spans"].values() for label in spans})
    table = _table("Documents and spans per annotator")
    table.add_column("annotator")
    table.add_column("documents", justify="right")
    for label in labels:
        table.add_column(Text(shown(label)), justify="right")
    for who in result["annotators"]:
        spans = result["spans"][who]
        cells = [count(spans.get(label, 0)) for label in labels]
        table.add_row(untrusted(who), count(result["documents_per_annotator"][who]), *cells)
    return table


def _pairs(result: dict[str, Any]) -> Table:
    table = _table("Span agreement per pair", "P and R: A as prediction, B as reference.")
    for name in ("A", "B", "docs", "mode", "P", "R", "F1"):
        table.add_column(name, justify="left" if name in ("A", "B", "mode") else "right")
    for pair in result["pairs"]:
        for i, mode in enumerate(MODES):
            first = i == 0
            score = pair[mode]
            table.add_row(
                untrusted(pair["a"]) if first else Text(),
                untrusted(pair["b"]) if first else Text(),
                count(pair["documents"]) if first else Text(),
                Text(mode),
                *(number(score[k]) for k in ("precision", "recall", "f1")),
                end_section=i == len(MODES) - 1,
            )
    return table


def _table(title: str, caption: str | None = None) -> Table:
    """A table in the report's style: a title on the left, few rules."""
    return Table(
        title=title,
        caption=caption,
        title_justify="left",
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )


def _disagreements(result: dict[str, Any]) -> Table:
    table = _table("Where spans differ, per pair", WHAT_KINDS_MEAN)
    for name in ("A", "B", "same", "clitic", "boundary", "label", "only A", "only B"):
        table.add_column(name, justify="left" if name in ("A", "B") else "right")
    for pair in result["pairs"]:
        kinds = pair["disagreements"]
        table.add_row(
            untrusted(pair["a"]),
            untrusted(pair["b"]),
            count(pair["matched"]["strict"]),
            *(count(kinds[k]) for k in ("clitic", "boundary", "label", "only_a", "only_b")),
        )
    return table


def _labels(result: dict[str, Any]) -> Table:
    table = _table("Span F1 per label, over all pairs")
    table.add_column("label")
    for mode in MODES:
        table.add_column(f"{mode} F1", justify="right")
    table.add_column("spans", justify="right")
    for label, scores in result["per_label"].items():
        spans = scores["spans_a"] + scores["spans_b"]
        table.add_row(untrusted(label), *(number(scores[m]["f1"]) for m in MODES), count(spans))
    return table


def _tokens(result: dict[str, Any]) -> Group:
    tokens = result["tokens"]
    lines = [Text(f"\nToken agreement over {tokens['tokens']} tokens:", style="italic")]
    for k in result["cohen_kappa"]:
        line = Text("  Cohen's κ ")
        line.append_text(untrusted(k["a"])).append(" / ").append_text(untrusted(k["b"]))
        line.append(f": {_plain(k['kappa'])} ({k['tokens']} tokens)")
        lines.append(line)
    if "fleiss_kappa" in result:
        lines.append(
            Text(
                f"  Fleiss' κ: {_plain(result['fleiss_kappa'])} ({tokens['fleiss_tokens']} tokens; "
                f"documents every annotator did: {tokens['fleiss_documents']})"
            )
        )
    lines.append(Text(f"  Krippendorff's α (nominal): {_plain(result['krippendorff_alpha'])}"))
    share = tokens["outside_share"]
    if share is not None:
        lines.append(Text(f"  {share:.1%} of the tags are O."))
    lines.append(Text(tokens["note"], style="italic"))
    return Group(*lines)


def _plain(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _worst(result: dict[str, Any]) -> Table:
    table = _table("Worst-agreeing documents (disagreements summed over their pairs)")
    table.add_column("document", overflow="fold", ratio=1)
    for name in ("strict F1", "clitic F1", "clitic", "boundary", "label", "only one"):
        table.add_column(name, justify="right")
    for doc in result["worst_documents"]:
        kinds = doc["disagreements"]
        table.add_row(
            untrusted(doc["id"]),
            number(doc["strict"]),
            number(doc["clitic"]),
            *(count(kinds[k]) for k in ("clitic", "boundary", "label", "only_one")),
        )
    return table


def _not_comparable(result: dict[str, Any]) -> Table:
    table = _table("Not comparable, left out")
    for name in ("document", "annotators", "why"):
        table.add_column(name)
    for item in result["not_comparable"]:
        table.add_row(untrusted(item["id"]), _names(item["annotators"]), untrusted(item["reason"]))
    return table
