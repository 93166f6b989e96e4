"""Label Studio JSON exports: a list of tasks with ``annotations`` and ``predictions``.

::

    [{"id": 1, "data": {"text": "..."},
      "annotations": [{"completed_by": 1, "was_cancelled": false,
                       "result": [{"from_name": "label", "to_name": "text",
                                   "type": "labels",
                                   "value": {"start": 0, "end": 5, "text": "...",
                                             "labels": ["PER"]}}]}],
      "predictions": [{"model_version": "m1", "result": [...]}]}]

Offsets count code points.  Each annotation is one document (judged:
``accept``, or ``ignore`` when it was cancelled, that is skipped in Label
Studio) and each prediction one unanswered document.  The text is
``data.text``, or the only string in ``data``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from reader.annotation.hashing import doc_id_for
from reader.formats.jsonio import dump_line, read_json
from reader.formats.model import Report, SourceDoc, SourceSpan, make_span, text_problem
from reader.formats.writing import TextOutput

Kind = Literal["annotations", "predictions"]


def read_labelstudio(path: str, report: Report) -> Iterator[SourceDoc]:
    """The documents of a Label Studio JSON export: one per annotation and prediction."""
    value = read_json(path)
    tasks = value if isinstance(value, list) else [value]
    for index, task in enumerate(tasks):
        where = f"task {index + 1}"
        if isinstance(task, dict) and "id" in task:
            where += f" (id {json.dumps(task['id'], ensure_ascii=False)[:40]})"
        text_and_data = _text(task)
        if isinstance(text_and_data, str):
            report.problem(path, f"{where}: {text_and_data}; skipped")
            report.skip("Label Studio tasks that could not be read")
            continue
        text, data = text_and_data
        meta = data.get("meta")
        if not isinstance(meta, dict):
            meta = {k: v for k, v in data.items() if v is not text}
        doc_id = doc_id_for(path, index, {"id": task.get("id"), "meta": meta})
        found = False
        for kind in ("annotations", "predictions"):
            items = task.get(kind, [])
            if not isinstance(items, list):
                report.problem(path, f"{where}: {kind} is not a list; skipped")
                report.skip(f"Label Studio {kind} that could not be read")
                continue
            for n, item in enumerate(items):
                if not isinstance(item, dict) or not isinstance(item.get("result", []), list):
                    report.problem(path, f"{where}: {kind} {n}: no result list; skipped")
                    report.skip(f"Label Studio {kind} that could not be read")
                    continue
                found = True
                yield _document(
                    path, f"{where} {kind[:-1]} {n + 1}", text, meta, doc_id, kind, item, report
                )
        if not found:
            yield SourceDoc(text, (), path, f"{path}: {where}", doc_id, meta, judged=True)


def _text(task: object) -> tuple[str, dict[str, Any]] | str:
    """A task's text and data, or what is wrong with it."""
    if not isinstance(task, dict):
        return "not a JSON object"
    data = task.get("data")
    if not isinstance(data, dict):
        return 'no "data" object'
    if isinstance(data.get("text"), str):
        return data["text"], data
    strings = [v for v in data.values() if isinstance(v, str)]
    if len(strings) == 1:
        return strings[0], data
    return 'no "text" in its data, and not exactly one string to take instead'


def _document(
    path: str,
    where: str,
    text: str,
    meta: dict[str, Any],
    doc_id: str,
    kind: Kind,
    item: dict[str, Any],
    report: Report,
) -> SourceDoc:
    """One annotation or prediction of a task as a document."""
    annotator: str | None
    if kind == "annotations":
        answer: str | None = "ignore" if item.get("was_cancelled") is True else "accept"
        annotator = _who(item.get("completed_by"))
    else:
        answer = None
        version = item.get("model_version")
        annotator = str(version) if isinstance(version, (str, int)) else "prediction"
    spans = []
    for n, result in enumerate(item.get("result", [])):
        spans.extend(_spans(path, f"{where} result {n + 1}", text, result, report))
    return SourceDoc(
        text=text,
        spans=tuple(spans),
        path=path,
        where=f"{path}: {where}",
        doc_id=doc_id,
        meta=meta,
        answer=answer,
        judged=True,
        annotator=annotator,
    )


def _who(completed_by: object) -> str | None:
    """An annotation's annotator: a user id, or a user object's email."""
    if isinstance(completed_by, Mapping):
        completed_by = completed_by.get("email", completed_by.get("id"))
    if isinstance(completed_by, (str, int)) and not isinstance(completed_by, bool):
        return str(completed_by)
    return None


def _spans(path: str, where: str, text: str, result: object, report: Report) -> list[SourceSpan]:
    """The spans of one result: one per label."""
    value = result.get("value") if isinstance(result, dict) else None
    if not isinstance(value, dict) or "start" not in value or "labels" not in value:
        report.skip("Label Studio results that are not labelled text spans")
        return []
    start, end, labels = value.get("start"), value.get("end"), value.get("labels")
    if not isinstance(labels, list) or not labels:
        labels = [labels]
    spans = []
    for label in labels:
        made = make_span(text, start, end, label)
        if isinstance(made, SourceSpan) and "text" in value:
            made = text_problem(text, made, value["text"]) or made
        if isinstance(made, str):
            report.problem(path, f"{where}: {made}; skipped")
            report.skip("spans that do not fit their text")
            continue
        spans.append(made)
    return spans


def task_of(
    doc: SourceDoc,
    task_id: int,
    kind: Kind = "annotations",
    from_name: str = "label",
    to_name: str = "text",
) -> dict[str, Any]:
    """``doc`` as a Label Studio task, its spans as one annotation or prediction."""
    result = [
        {
            "id": uuid.uuid4().hex[:10],
            "from_name": from_name,
            "to_name": to_name,
            "type": "labels",
            "origin": "manual" if kind == "annotations" else "prediction",
            "value": {
                "start": span.start,
                "end": span.end,
                "text": doc.text[span.start : span.end],
                "labels": [span.label],
            },
        }
        for span in doc.spans
    ]
    item: dict[str, Any] = {"result": result}
    if kind == "annotations":
        item["was_cancelled"] = doc.answer == "ignore"
        if doc.annotator:
            item["completed_by"] = doc.annotator
    else:
        item["model_version"] = doc.annotator or "hamish"
    return {"id": task_id, "data": {to_name: doc.text, "meta": doc.meta}, kind: [item]}


def write_labelstudio(
    docs: Iterable[SourceDoc],
    output: str,
    report: Report,
    kind: Kind = "annotations",
    from_name: str = "label",
    to_name: str = "text",
) -> int:
    """Write the documents as a Label Studio JSON list of tasks; the number written."""
    count = 0
    with TextOutput(output) as out:
        out.write("[\n")
        for doc in docs:
            try:
                line = dump_line(task_of(doc, count + 1, kind, from_name, to_name))
            except ValueError as err:
                report.problem(doc.where, f"cannot be written: {err}")
                report.skip("documents that could not be written")
                continue
            out.write((",\n" if count else "") + line.rstrip("\n"))
            count += 1
        out.write("\n]\n")
    return count
