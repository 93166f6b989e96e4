"""INCEpTION / UIMA CAS XMI with DKPro Core ``NamedEntity`` annotations, through dkpro-cassis.

XMI offsets count UTF-16 code units, as Java strings do; cassis turns them
into code points.  A ``NamedEntity``'s label is its ``value`` feature (or,
for DKPro's subtypes such as ``Person``, the type's short name).

The files are untrusted XML.  Before cassis sees one, it is parsed once
with entities, DTDs and the network off, and refused if it has a DOCTYPE
(XMI files have none; that is where entity bombs live).  That parse also
gives each annotation's offsets exactly as written, so an offset between
the halves of a surrogate pair, or past the text, is reported rather than
taken as it is.

Writing gives a folder with one ``NAME.xmi`` per document and the DKPro
Core ``TypeSystem.xml``, as INCEpTION's "UIMA CAS XMI" export has them:
a ``DocumentMetaData``, a ``Sentence`` per line of text (a line break
inside a span does not end one), a ``Token`` per word token (cut at span
edges) and a ``NamedEntity`` per span.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from reader.documents.errors import InputError
from reader.documents.reading import read_bytes
from reader.formats.model import Report, SourceDoc, SourceSpan
from reader.formats.offsets import Utf16Map
from reader.formats.tokens import checked_tokens, doc_saved_tokens
from reader.formats.writing import FileNames, output_folder, write_in_folder

_DKPRO = "de.tudarmstadt.ukp.dkpro.core.api"
NAMED_ENTITY = f"{_DKPRO}.ner.type.NamedEntity"
TOKEN = f"{_DKPRO}.segmentation.type.Token"
SENTENCE = f"{_DKPRO}.segmentation.type.Sentence"
METADATA = f"{_DKPRO}.metadata.type.DocumentMetaData"
_XMI_ID = "{http://www.omg.org/XMI}id"
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


@lru_cache(maxsize=1)
def dkpro_typesystem() -> Any:
    """DKPro Core's type system as dkpro-cassis ships it, with ``DocumentMetaData`` added.

    (The copy in cassis leaves out DKPro's ``DocumentMetaData``, which
    INCEpTION and DKPro's readers put in every CAS.)
    """
    from cassis import load_dkpro_core_typesystem

    ts = load_dkpro_core_typesystem()
    meta = ts.create_type(METADATA, supertypeName="uima.tcas.DocumentAnnotation")
    for name in ("documentTitle", "documentId", "documentUri", "collectionId", "documentBaseUri"):
        ts.create_feature(meta, name, "uima.cas.String")
    ts.create_feature(meta, "isLastSegment", "uima.cas.Boolean")
    return ts


def _safe_parse(path: str, data: bytes) -> dict[int, tuple[int, int]]:
    """Parse ``data`` with everything dangerous off; each annotation's raw offsets by id.

    Raises InputError for data that is not XML or that has a DOCTYPE.
    """
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise InputError(path, f"not XML: {err.msg}", err.lineno or None) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise InputError(path, "has a DOCTYPE, which XMI files do not: refused (unsafe XML)")
    raw: dict[int, tuple[int, int]] = {}
    for element in root.iter():
        begin, end, xmi_id = (element.get(k) for k in ("begin", "end", _XMI_ID))
        if begin is not None and end is not None and xmi_id is not None:
            numbers = [_number(v) for v in (begin, end, xmi_id)]
            if None not in numbers:
                raw[numbers[2]] = (numbers[0], numbers[1])  # type: ignore[index,assignment]
    return raw


def _number(value: str) -> int | None:
    value = value.strip()
    return (
        int(value) if value.isascii() and value.lstrip("-").isdigit() and len(value) < 20 else None
    )


def read_xmi(path: str, report: Report) -> Iterator[SourceDoc]:
    """The document of one ``.xmi`` file, or of each ``.xmi`` file in a folder."""
    if os.path.isdir(path):
        files = sorted(
            os.path.join(folder, name)
            for folder, _, names in os.walk(path)
            for name in names
            if name.lower().endswith(".xmi")
        )
        for file in files:
            try:
                yield _read_one(file, report)
            except InputError as err:
                report.problems.append(err)
                report.skip("XMI files that could not be read")
        return
    yield _read_one(path, report)


def _read_one(path: str, report: Report) -> SourceDoc:
    """One XMI file as a document."""
    from cassis import load_cas_from_xmi

    data = read_bytes(path)
    raw = _safe_parse(path, data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cas = load_cas_from_xmi(io.BytesIO(data), typesystem=dkpro_typesystem(), lenient=True)
    except Exception as err:  # cassis raises many kinds on a malformed CAS
        raise InputError(path, f"not a UIMA CAS XMI file: {err}") from None
    text = cas.sofa_string
    if not isinstance(text, str):
        raise InputError(path, "has no document text (no sofaString in its initial view)")
    units = Utf16Map(text)
    spans = []
    for fs in cas.select(NAMED_ENTITY):
        bounds = _bounds(units, raw.get(fs.xmiID))
        label = fs.get("value") or fs.type.name.rsplit(".", 1)[-1]
        if bounds is None:
            got = raw.get(fs.xmiID)
            report.problem(
                path,
                f"annotation {fs.xmiID}: UTF-16 offsets {got} do not fit the text "
                f"(0-{units.utf16_length}, not inside a character); skipped",
            )
            report.skip("spans that do not fit their text")
            continue
        spans.append(SourceSpan(bounds[0], bounds[1], str(label)))
    pairs = [_bounds(units, raw.get(t.xmiID)) for t in cas.select(TOKEN)]
    tokens = None
    if pairs and None not in pairs:
        tokens = checked_tokens(text, sorted(p for p in pairs if p is not None))
    meta: dict[str, Any] = {}
    doc_id = os.path.splitext(os.path.basename(path))[0]
    for fs in cas.select(METADATA):
        for key in ("documentTitle", "documentId", "documentUri"):
            if isinstance(fs.get(key), str):
                meta[key] = fs.get(key)
    return SourceDoc(text, tuple(sorted(spans)), path, path, doc_id, meta, tokens=tokens)


def _bounds(units: Utf16Map, raw: tuple[int, int] | None) -> tuple[int, int] | None:
    """Raw UTF-16 offsets as code points, or None when they do not fit the text."""
    if raw is None:
        return None
    start, end = units.from_utf16(raw[0]), units.from_utf16(raw[1])
    if start is None or end is None or start > end:
        return None
    return start, end


def sentence_ranges(text: str, spans: Iterable[SourceSpan]) -> list[tuple[int, int]]:
    """The text's lines without their edge whitespace; a line break inside a span joins two."""
    covered = _merged(spans)
    out = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        i = bisect_right(covered, (match.start(), len(text) + 1)) - 1
        if i >= 0 and covered[i][0] < match.start() < covered[i][1]:
            continue
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(text)))
    trimmed = []
    for a, b in out:
        piece = text[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            trimmed.append((a + lead, a + len(piece.rstrip())))
    return trimmed


def _merged(spans: Iterable[SourceSpan]) -> list[tuple[int, int]]:
    """The stretches of text that spans cover, sorted and not touching each other."""
    out: list[tuple[int, int]] = []
    for span in sorted(spans):
        if out and span.start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], span.end))
        else:
            out.append((span.start, span.end))
    return out


def cas_of(doc: SourceDoc) -> Any:
    """``doc`` as a CAS with DKPro Core types (see the module docstring)."""
    from cassis import Cas

    ts = dkpro_typesystem()
    cas = Cas(typesystem=ts)
    cas.sofa_string = doc.text
    cas.sofa_mime = "text/plain"
    meta_type = ts.get_type(METADATA)
    title = doc.meta.get("title")
    cas.add(
        meta_type(
            begin=0,
            end=len(doc.text),
            documentId=doc.doc_id,
            documentTitle=title if isinstance(title, str) else doc.doc_id,
        )
    )
    sentence = ts.get_type(SENTENCE)
    for a, b in sentence_ranges(doc.text, doc.spans):
        cas.add(sentence(begin=a, end=b))
    token = ts.get_type(TOKEN)
    for t in doc_saved_tokens(doc):
        if not t["text"].isspace():
            cas.add(token(begin=t["start"], end=t["end"]))
    entity = ts.get_type(NAMED_ENTITY)
    for span in doc.spans:
        cas.add(entity(begin=span.start, end=span.end, value=span.label))
    return cas


def write_xmi(docs: Iterable[SourceDoc], output: str, report: Report) -> int:
    """Write ``NAME.xmi`` per document and ``TypeSystem.xml`` into the folder ``output``."""
    folder = output_folder(output)
    names = FileNames()
    count = 0
    for doc in docs:
        try:
            xmi = cas_of(doc).to_xmi()
        except ValueError as err:  # characters XML 1.0 cannot hold
            report.problem(doc.where, f"cannot be written as XML: {err}")
            report.skip("documents that could not be written")
            continue
        write_in_folder(
            os.path.join(folder, names.name_for(doc.doc_id) + ".xmi"), xmi.encode("utf-8")
        )
        count += 1
    write_in_folder(
        os.path.join(folder, "TypeSystem.xml"), dkpro_typesystem().to_xml().encode("utf-8")
    )
    return count
