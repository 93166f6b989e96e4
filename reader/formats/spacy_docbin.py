"""spaCy's binary ``DocBin`` (``.spacy``) files.

Writing builds each ``Doc`` from the document's saved tokens (cut at span
edges; never re-tokenised), so every span is a strict ``char_span``.  All
spans go in ``doc.spans[KEY]`` (``"sc"`` by default); the ones that do not
overlap go in ``doc.ents`` too (longer first, as spaCy's ``filter_spans``),
and the others are counted as left out of it.  The document's id, meta,
answer and annotator ride along in ``doc.user_data["hamish"]``.

Reading takes ``doc.spans[KEY]`` when a document has it, else ``doc.ents``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reader.documents.errors import InputError
from reader.documents.reading import read_bytes
from reader.formats.layers import flat
from reader.formats.model import Report, SourceDoc, SourceSpan, sorted_spans
from reader.formats.tokens import checked_tokens, doc_saved_tokens
from reader.formats.writing import write_bytes

SPANS_KEY = "sc"
_USER_DATA = "hamish"


def read_docbin(path: str, report: Report, key: str = SPANS_KEY) -> Iterator[SourceDoc]:
    """The documents of a ``.spacy`` file."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    data = read_bytes(path)
    try:
        docs = list(DocBin().from_bytes(data).get_docs(Vocab()))
    except Exception as err:  # msgpack, zlib and spaCy each raise their own
        raise InputError(path, f"not a spaCy DocBin file: {type(err).__name__}") from None
    for index, doc in enumerate(docs):
        group = doc.spans.get(key, doc.ents)
        spans = sorted_spans([SourceSpan(s.start_char, s.end_char, s.label_) for s in group])
        info = doc.user_data.get(_USER_DATA, {}) if isinstance(doc.user_data, dict) else {}
        info = info if isinstance(info, dict) else {}
        meta, doc_id = info.get("meta"), info.get("doc_id")
        answer, annotator = info.get("answer"), info.get("annotator")
        yield SourceDoc(
            text=doc.text,
            spans=spans,
            path=path,
            where=f"{path}: doc {index + 1}",
            doc_id=doc_id if isinstance(doc_id, str) else f"{path}#{index}",
            meta=meta if isinstance(meta, dict) else {},
            answer=answer if answer in ("accept", "reject", "ignore") else None,
            judged=bool(info.get("judged")),
            annotator=annotator if isinstance(annotator, str) else None,
            tokens=checked_tokens(doc.text, [(t.idx, t.idx + len(t)) for t in doc]),
        )


def spacy_doc(vocab: Any, doc: SourceDoc, report: Report, key: str = SPANS_KEY) -> Any:
    """``doc`` as a spaCy ``Doc`` (see the module docstring)."""
    from spacy.tokens import Doc

    tokens = doc_saved_tokens(doc)
    out = Doc(vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
    spans = []
    for s in doc.spans:
        span = out.char_span(s.start, s.end, label=s.label, alignment_mode="strict")
        assert span is not None, "saved tokens are cut at every span edge"
        spans.append(span)
    kept, dropped = flat(spans)
    out.ents = kept
    report.skip("overlapping spans left out of doc.ents (they are in doc.spans)", len(dropped))
    out.spans[key] = spans
    out.user_data[_USER_DATA] = {
        "doc_id": doc.doc_id,
        "meta": doc.meta,
        "answer": doc.answer,
        "judged": doc.judged,
        "annotator": doc.annotator,
    }
    return out


def write_docbin(
    docs: Iterable[SourceDoc], output: str, report: Report, key: str = SPANS_KEY
) -> int:
    """Write the documents as one ``DocBin`` file; the number written."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    vocab = Vocab()
    doc_bin = DocBin(store_user_data=True)
    count = 0
    for doc in docs:
        doc_bin.add(spacy_doc(vocab, doc, report, key))
        count += 1
    write_bytes(output, doc_bin.to_bytes())
    return count
