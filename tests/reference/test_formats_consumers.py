"""Exports checked by the tools that read them, and round trips through every format.

The fixture (tests/data/formats/tricky.annotations.jsonl, made by
make_fixtures.py) mixes Arabic with harakat, tatweel, ZWNJ and RLM, emoji and
other characters beyond U+FFFF, CJK, CRLF, spans inside words, and nested
spans.  spaCy and dkpro-cassis are the test extra's real consumers; nothing
here downloads a model.
"""

from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest

from reader.documents.errors import InputError
from reader.formats.detect import read_documents
from reader.formats.layers import flat
from reader.formats.model import Report, SourceDoc
from reader.formats.select import select
from reader.formats.writers import TARGETS, WriteOptions, write

# Looked for, not imported: spaCy takes most of a second to import, which every
# xdist worker would pay while collecting; the tests that use it import it.
for _consumer in ("spacy", "cassis"):
    if find_spec(_consumer) is None:
        reason = f"{_consumer} is not installed (it is in the test extra)"
        pytest.skip(reason, allow_module_level=True)

DATA = Path(__file__).parents[1] / "data" / "formats"
FIXTURE = str(DATA / "tricky.annotations.jsonl")


def accepted(path: str = FIXTURE, fmt: str | None = None) -> list[SourceDoc]:
    return select(read_documents(path, Report(), fmt)).docs


def export(
    fmt: str, out: Path, docs: list[SourceDoc] | None = None, **options: Any
) -> tuple[str, Report]:
    report = Report()
    write(fmt, accepted() if docs is None else docs, str(out), report, WriteOptions(**options))
    return str(out), report


def spans(doc: SourceDoc) -> list[tuple[str, str]]:
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans]


def test_the_fixture_is_what_the_round_trips_need() -> None:
    docs = accepted()
    assert len(docs) == 4
    text = "".join(d.text for d in docs)
    for needed in ("\u064e", "\u0640", "\u200c", "\u200f", "😀", "習", "\r\n", "𝔹"):
        assert needed in text
    assert ("بغداد", "GPE") in spans(docs[0])  # inside لبغداد


ROUND_TRIPS: list[tuple[str, dict[str, Any]]] = [
    ("prodigy", {}),
    ("spacy", {}),
    ("doccano", {}),
    ("doccano", {"offsets": "codepoint"}),
    ("labelstudio", {}),
    ("brat", {}),
    ("inception", {}),
]


@pytest.mark.parametrize(("fmt", "options"), ROUND_TRIPS)
def test_export_then_open_gives_the_same_text_and_spans(
    tmp_path: Path, fmt: str, options: dict[str, Any]
) -> None:
    path, report = export(fmt, tmp_path / f"out.{fmt}", **options)
    if fmt == "spacy":  # the nested spans are in doc.spans, but not in doc.ents
        assert set(report.skipped) == {
            "overlapping spans left out of doc.ents (they are in doc.spans)"
        }
    else:
        assert not report.skipped
    assert not report.problems
    again = list(read_documents(path, Report(), fmt, options.get("offsets", "utf16")))
    # Folder formats list their files by name, not in the order they were written.
    assert sorted((d.text, d.spans) for d in again) == sorted((d.text, d.spans) for d in accepted())


def test_conll_round_trip_keeps_tokens_and_spans_but_not_spacing(tmp_path: Path) -> None:
    path, report = export("conll", tmp_path / "out.conll", nested=True)
    assert not report.skipped
    again = list(read_documents(path, Report(), "conll"))

    def squeezed(text: str) -> str:
        return "".join(text.split())

    assert [squeezed(d.text) for d in again] == [squeezed(d.text) for d in accepted()]
    assert [[(squeezed(t), label) for t, label in spans(d)] for d in again] == [
        [(squeezed(t), label) for t, label in spans(d)] for d in accepted()
    ]


def test_every_format_can_be_written(tmp_path: Path) -> None:
    assert set(TARGETS) == {f for f, _ in ROUND_TRIPS} | {"conll"}


def test_spacy_loads_the_docbin_with_every_span(tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    path, report = export("spacy", tmp_path / "out.spacy")

    nlp = spacy.blank("ar")
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    expected = accepted()
    assert [d.text for d in docs] == [d.text for d in expected]
    for got, want in zip(docs, expected, strict=True):
        assert [(s.start_char, s.end_char, s.label_) for s in got.spans["sc"]] == [
            (s.start, s.end, s.label) for s in want.spans
        ]
        assert [(e.start_char, e.end_char, e.label_) for e in got.ents] == [
            (s.start, s.end, s.label) for s in flat(want.spans)[0]
        ]
    assert report.skipped == {"overlapping spans left out of doc.ents (they are in doc.spans)": 2}


def test_cassis_loads_the_xmi_with_the_dkpro_type_system(tmp_path: Path) -> None:
    import cassis

    folder, _ = export("inception", tmp_path / "xmi")
    with open(Path(folder) / "TypeSystem.xml", "rb") as f:
        typesystem = cassis.load_typesystem(f)
    files = sorted(Path(folder).glob("*.xmi"))
    assert [f.stem for f in files] == sorted(["harakat-clitic-crlf", "tatweel-zwnj-cjk", "nested",
                                              "astral-letters"])  # fmt: skip
    by_id = {d.doc_id: d for d in accepted()}
    for file in files:
        with open(file, "rb") as f:
            cas = cassis.load_cas_from_xmi(f, typesystem=typesystem)
        want = by_id[file.stem]
        assert cas.sofa_string == want.text
        entities = cas.select("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")
        assert sorted((e.get_covered_text(), e.value) for e in entities) == sorted(spans(want))
        # cassis's own copy of DKPro Core's types reads the entities too.
        with open(file, "rb") as f:
            plain = cassis.load_cas_from_xmi(
                f, typesystem=cassis.load_dkpro_core_typesystem(), lenient=True
            )
        assert len(plain.select("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity")) == len(
            want.spans
        )


def test_doccano_offsets_taken_as_utf16_select_the_span_text(tmp_path: Path) -> None:
    path, _ = export("doccano", tmp_path / "d.jsonl")
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    for record, want in zip(records, accepted(), strict=True):
        units = record["text"].encode("utf-16-le")
        got = [(units[2 * s : 2 * e].decode("utf-16-le"), label) for s, e, label in record["label"]]
        assert got == spans(want)
    assert records[0]["label"][1] == [21, 26, "GPE"]  # no astral character before it
    assert records[0]["label"][2] == [50, 56, "GPE"]  # after 😀: one more than code points


def test_label_studio_offsets_taken_as_code_points_select_the_span_text(tmp_path: Path) -> None:
    path, _ = export("labelstudio", tmp_path / "ls.json")
    tasks = json.loads(Path(path).read_text(encoding="utf-8"))
    for task, want in zip(tasks, accepted(), strict=True):
        text = task["data"]["text"]
        values = [r["value"] for r in task["annotations"][0]["result"]]
        assert [(text[v["start"] : v["end"]], v["labels"][0]) for v in values] == spans(want)
        assert all(text[v["start"] : v["end"]] == v["text"] for v in values)


@pytest.mark.parametrize("scheme", ["iob2", "bilou"])
def test_spacy_converts_the_conll_file_to_the_same_entities(tmp_path: Path, scheme: str) -> None:
    from spacy.training.converters import conll_ner_to_docs

    path, report = export("conll", tmp_path / "x.conll", scheme=scheme)
    assert report.skipped == {"nested or overlapping spans (write them with --nested)": 2}
    docs = list(conll_ner_to_docs(Path(path).read_text(encoding="utf-8"), no_print=True))
    expected = accepted()
    assert len(docs) == len(expected)
    for got, want in zip(docs, expected, strict=True):
        kept = flat(want.spans)[0]
        wanted = [("".join(want.text[s.start : s.end].split()), s.label) for s in kept]
        assert [("".join(e.text.split()), e.label_) for e in got.ents] == wanted


def test_doccano_to_conll_without_a_session(tmp_path: Path) -> None:
    path, report = export("conll", tmp_path / "x.conll", accepted(str(DATA / "doccano_in.jsonl")))
    assert Path(path).read_text(encoding="utf-8") == (
        "-DOCSTART- -X- O O\n\nزار O\n😀 O\nمحمد B-PER\nبغداد B-GPE\n\n"
    )


def test_label_studio_to_spacy_without_a_session(tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    docs = accepted(str(DATA / "labelstudio_in.json"))  # the prediction has no answer
    path, _ = export("spacy", tmp_path / "x.spacy", docs)
    [doc] = DocBin().from_disk(path).get_docs(spacy.blank("ar").vocab)
    assert doc.text == "قال 🙂 أحمد في دبي"
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (6, 10, "PER"),
        (14, 17, "GPE"),
    ]


def test_brat_to_doccano_without_a_session(tmp_path: Path) -> None:
    report = Report()
    docs = list(read_documents(str(DATA / "brat_in"), report))
    path, _ = export("doccano", tmp_path / "d.jsonl", docs)
    record = json.loads(Path(path).read_text(encoding="utf-8"))
    assert (record["text"], record["label"]) == ("🌍 مرحبا بغداد\nاليوم", [[9, 14, "GPE"]])
    assert report.skipped == {"discontinuous brat spans": 1, "brat relations (R lines)": 1}


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0">
<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="&lol9;"/></xmi:XMI>
"""

XXE = BOMB.split("<!DOCTYPE")[0] + (
    '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore">'
    '<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="&secret;"/></xmi:XMI>'
)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (BOMB, "has a DOCTYPE"),
        (XXE, "has a DOCTYPE|references external entity"),
        ("this is not XML at all", "not XML"),
        ("<a><b></a>", "not XML"),
        ("<a/>", "no document text"),
    ],
)
def test_hostile_xmi_is_refused_in_one_line(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "x.xmi"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as caught:
        list(read_documents(str(path), Report()))
    assert "\n" not in str(caught.value)


def test_xmi_offsets_inside_a_surrogate_pair_or_past_the_end_are_reported(tmp_path: Path) -> None:
    body = (
        '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
        'xmlns:type="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore" xmi:version="2.0">'
        '<type:NamedEntity xmi:id="2" sofa="1" begin="1" end="3" value="BAD"/>'
        '<type:NamedEntity xmi:id="3" sofa="1" begin="3" end="5" value="GPE"/>'
        '<type:NamedEntity xmi:id="4" sofa="1" begin="3" end="50" value="FAR"/>'
        '<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" sofaString="😀 دبي"/>'
        '<cas:View sofa="1" members="2 3 4"/></xmi:XMI>'
    )
    path = tmp_path / "x.xmi"
    path.write_text(body, encoding="utf-8")
    report = Report()
    [doc] = read_documents(str(path), report)
    assert spans(doc) == [("دب", "GPE")]
    assert [p.problem.split(":")[0] for p in report.problems] == ["annotation 2", "annotation 4"]
