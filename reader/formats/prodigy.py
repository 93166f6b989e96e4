"""Prodigy and hamish JSON Lines: tasks with ``text`` and ``spans`` (code points).

Reading keeps the *latest* state of each document and annotator, so a hamish
output file (one line per save: full records and change lines) reads as its
current state.  A document is
known by ``_hamish_doc`` where hamish wrote one, else as
:func:`reader.annotation.hashing.doc_id_for` says (``_task_hash``, ``meta.id``,
``id``, ``_input_hash``, else its place in the file).

Writing gives one compact ``ner_manual`` task per document and annotator,
the same records hamish saves, with the document's own tokens kept.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from reader.annotation.changes import is_change
from reader.annotation.hashing import doc_id_for, input_hash, task_hash
from reader.annotation.tasks import ANSWERS, VIEW_ID, saved_spans
from reader.documents.errors import InputError
from reader.formats.jsonio import json_lines, write_json_lines
from reader.formats.model import (
    FROM_INPUT,
    Report,
    SourceDoc,
    SourceSpan,
    is_int,
    make_span,
    text_problem,
)
from reader.formats.tokens import doc_saved_tokens, source_tokens

NAME = "prodigy"


def read_prodigy(path: str, report: Report) -> Iterator[SourceDoc]:
    """The latest state of each document and annotator in a JSON Lines file
    (:func:`read_prodigy_lines` on its lines)."""
    return read_prodigy_lines(path, json_lines(path), report)


def read_prodigy_lines(
    path: str, lines: Iterable[tuple[int, Any]], report: Report
) -> Iterator[SourceDoc]:
    """The latest state of each document and annotator in ``lines``, ``(line, value)``
    pairs as :func:`reader.formats.jsonio.json_lines` gives them (a shared store
    gives its own).

    A change line (:mod:`reader.annotation.changes`) applies to the latest full
    record of its document with the same ``_input_hash`` (anyone's: the text
    is the same), and is that document's state from then on; one with no such
    record (hamish was stopped before writing it) is reported and its
    document left out.
    """
    latest: dict[tuple[str, str | None], SourceDoc] = {}
    texts: dict[tuple[str, int | None], SourceDoc] = {}  # (doc id, input hash) -> full
    orphans: dict[tuple[str, str | None], int] = {}  # changes with no text: their line
    for index, (line, value) in enumerate(lines):
        if isinstance(value, InputError):
            report.problems.append(value)
            report.skip("records that could not be read")
            continue
        if isinstance(value, dict) and is_change(value):
            doc = _changed(path, line, value, texts, report)
        else:
            doc = _document(path, line, index, value, report)
            if doc is not None:
                texts[(doc.doc_id, doc.input_hash)] = doc
        if doc is None:
            if isinstance(value, dict) and is_change(value):
                key = (str(value.get("_hamish_doc")), _annotator(value))
                latest.pop(key, None)
                orphans[key] = line
            else:
                report.skip("records that could not be read")
            continue
        key = (doc.doc_id, doc.annotator)
        if key in latest:
            report.note("earlier saves of a document, replaced by its latest")
        orphans.pop(key, None)
        latest[key] = doc
    for (doc_id, _), line in orphans.items():
        report.problem(
            path,
            f"document {doc_id!r}: its latest changes have no full record of their text "
            "(hamish stopped before writing one); left out: open its input in hamish once",
            line,
        )
        report.skip("documents saved as changes only")
    yield from latest.values()


def _annotator(value: Mapping[str, Any]) -> str | None:
    annotator = value.get("_annotator_id")
    return annotator if isinstance(annotator, str) else None


def _changed(
    path: str,
    line: int,
    value: dict[str, Any],
    texts: Mapping[tuple[str, int | None], SourceDoc],
    report: Report,
) -> SourceDoc | None:
    """A change line applied to the full record of its text; None when there is none."""
    doc_id, hashed = value.get("_hamish_doc"), value.get("_input_hash")
    base = texts.get((doc_id, hashed)) if isinstance(doc_id, str) and is_int(hashed) else None
    if base is None:
        return None
    answer = value.get("answer")
    if answer is not None and answer not in ANSWERS:
        report.problem(path, f"answer {answer!r} is not accept, reject, ignore or null", line)
        answer = None
    raw_spans = value.get("spans")
    if not isinstance(raw_spans, list):
        report.problem(path, '"spans" is not a list; none taken', line)
        raw_spans = []
    stamp = value.get("_timestamp")
    return replace(
        base,
        spans=tuple(prodigy_spans(path, line, base.text, raw_spans, report)),
        where=f"{path}:{line}",
        answer=answer,
        judged=True,
        annotator=_annotator(value),
        timestamp=stamp if is_int(stamp) else None,
    )


def _document(path: str, line: int, index: int, value: Any, report: Report) -> SourceDoc | None:
    """One record as a document, or None (and a problem) when it is not one."""
    if not isinstance(value, dict):
        report.problem(path, "record is not a JSON object", line)
        return None
    text = value.get("text")
    if not isinstance(text, str):
        report.problem(path, 'record has no string "text"', line)
        return None
    meta = value.get("meta", {})
    if not isinstance(meta, dict):
        report.problem(path, '"meta" is not an object', line)
        return None
    answer = value.get("answer")
    if answer is not None and answer not in ANSWERS:
        report.problem(path, f"answer {answer!r} is not accept, reject, ignore or null", line)
        return None
    raw_spans = value.get("spans", [])
    if not isinstance(raw_spans, list):
        report.problem(path, '"spans" is not a list', line)
        return None
    annotator = value.get("_annotator_id")
    doc_id = value.get("_hamish_doc")
    stamp = value.get("_timestamp")
    hashed = value.get("_input_hash")
    return SourceDoc(
        text=text,
        spans=tuple(prodigy_spans(path, line, text, raw_spans, report)),
        path=path,
        where=f"{path}:{line}",
        doc_id=doc_id if isinstance(doc_id, str) else doc_id_for(path, index, value),
        meta=meta,
        answer=answer,
        judged="answer" in value,
        annotator=annotator if isinstance(annotator, str) else None,
        tokens=source_tokens(text, value.get("tokens")),
        timestamp=stamp if is_int(stamp) else None,
        input_hash=hashed if is_int(hashed) else None,
    )


def prodigy_spans(
    path: str, line: int, text: str, raw_spans: list[Any], report: Report
) -> Iterator[SourceSpan]:
    """The spans of one record that fit its text; the others are reported."""
    for i, span in enumerate(raw_spans):
        if not isinstance(span, Mapping):
            made: SourceSpan | str = "not an object"
        else:
            made = make_span(text, span.get("start"), span.get("end"), span.get("label"))
            if isinstance(made, SourceSpan) and "text" in span:
                made = text_problem(text, made, span["text"]) or made
            if isinstance(made, SourceSpan):
                origin = FROM_INPUT if span.get("origin") == FROM_INPUT else None
                made = replace(made, origin=origin)
        if isinstance(made, str):
            report.problem(path, f"span {i}: {made}; skipped", line)
            report.skip("spans that do not fit their text")
            continue
        yield made


def task_of(doc: SourceDoc, answer: str | None) -> dict[str, Any]:
    """The ``ner_manual`` task hamish would save for ``doc``, with ``answer``."""
    tokens = doc_saved_tokens(doc)
    return {
        "text": doc.text,
        "meta": doc.meta,
        "_input_hash": input_hash(doc.text),
        "_task_hash": task_hash(doc.doc_id),
        "_hamish_doc": doc.doc_id,
        "tokens": tokens,
        "spans": saved_spans(doc.text, tokens, doc.spans),
        "_view_id": VIEW_ID,
        "answer": answer,
        "_timestamp": doc.timestamp if doc.timestamp is not None else int(time.time()),
        "_annotator_id": doc.annotator or "",
    }


def write_prodigy(docs: Iterable[SourceDoc], output: str, report: Report) -> int:
    """Write one task per document to ``output`` (``-`` for standard output).

    A document from a file without answers is written with ``accept``, as
    Prodigy's ``db-in`` does.  Returns the number of documents written.
    """

    def record_of(doc: SourceDoc) -> dict[str, Any]:
        return task_of(doc, doc.answer if doc.judged else "accept")

    return write_json_lines(docs, output, report, record_of)
