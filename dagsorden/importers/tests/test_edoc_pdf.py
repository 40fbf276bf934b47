"""The eDoc PDF importer on Ballerup's published meeting of 4 December 2012.

The sample (``shared/data/edoc-ballerup-sfu-2012-12-04``) holds the per-item PDFs, the
attachment PDFs and eDoc's ``eDocAgendaPublishing.xml``, which says which PDF is which
and carries each item's full text: the expected values are read from it, independently
of the importer. The whole-meeting PDF (1552814.PDF) is not in the sample, so one is
built here with WeasyPrint from the item PDFs' own text lines.
"""

import datetime as dt
import html
import io
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from dagsorden.documents.format import AttachmentRef, Attendee
from dagsorden.importers import edoc_pdf
from dagsorden.importers.base import ImportFailed
from dagsorden.importers.pdftext import pdf_text
from dagsorden.lib.seeds import seeds_dir

SAMPLE = seeds_dir().parent / "data" / "edoc-ballerup-sfu-2012-12-04"
BODY = "Sundheds- og Forebyggelsesudvalget"


@pytest.fixture(scope="module")
def sample() -> Path:
    if not (SAMPLE / edoc_pdf.XML_NAME).is_file():
        pytest.skip("the eDoc sample (../shared/data) is not beside this checkout")
    return SAMPLE


@pytest.fixture(scope="module")
def xml_items(sample) -> dict[str, dict]:
    """file name -> what the XML says of the item in it."""
    data = (sample / edoc_pdf.XML_NAME).read_text("utf-8")
    # eDoc writes page breaks as "&#xC;", which XML 1.0 forbids.
    root = ET.fromstring(re.sub(r"&#x[cC];", "\n", data))
    items = {}
    for entry in root.iter("MeetingAgendaItem"):
        full = entry.findtext("FullText")
        decision = re.search(r"beslutning den [\d.]+ Punkt \d+(.*?)Følgende deltog", full, re.S)
        items[entry.findtext("PDFDocument")] = {
            "number": entry.findtext("AgendaItemNumber"),
            "title": entry.findtext("Document/Title"),
            "case": re.search(r"Sagsnr\.:\s*(\S+)", full)[1],
            "decision": decision[1],
            "full": full,
            "attachments": [a.findtext("PDFDocument") for a in entry.iter("Attachment")],
        }
    return items


def load(path: Path):
    raw = path.read_bytes()
    assert edoc_pdf.detect(raw), path.name
    return edoc_pdf.parse(raw, str(path))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- the item PDFs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "number", "title", "case", "decision"),
    [
        ("1552823.PDF", "2", "Bygningsvedligeholdelse 2013 - anlægsbevilling", "2012-28504",
         "Indstillingen godkendt"),
        ("1552822.PDF", "3", "Kvalitetsstandarder for stof- og alkoholbehandling 2012-2013",
         "2012-31114", "Indstilles til godkendelse"),
        ("1552819.PDF", "6", "Prioritering af midler til kronisk syge borgere og "
         "hverdagsrehabilitering for ældre", "2012-21786", "Indstillingen godkendt"),
        ("1552817.PDF", "7", "Etablering af aktivitetscenter på Solvej 6 i Ballerup",
         "2012-28505", "Indstillingen godkendt\n\nmed denne bemærkning:\n\nGruppen af unge i "
         "Ballerup Kommune også får adgang til at bruge lokalerne på Solvej 6."),
    ],
)  # fmt: skip
def test_item_pdf(sample, name, number, title, case, decision):
    doc = load(sample / name)
    assert doc.source.format == "edoc-pdf"
    assert doc.body == BODY
    assert doc.meeting.date == dt.date(2012, 12, 4)
    assert doc.meeting.document == "minutes"
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Åben dagsorden")]
    (item,) = doc.items
    assert (item.number, item.title, item.case_number) == (number, title, case)
    assert item.decision == decision
    assert edoc_pdf.partial(doc)


def test_every_item_pdf_matches_the_xml(sample, xml_items):
    assert len(xml_items) == 8
    for name, expected in xml_items.items():
        (item,) = load(sample / name).items
        assert item.number == expected["number"], name
        assert item.title == expected["title"], name
        assert item.case_number == expected["case"], name
        assert squeeze(item.decision) == squeeze(expected["decision"]), name
        for part in item.parts:
            # Every part is the XML's text under the same heading, hyphens and all
            # ("ikke-planlagte", "Sundheds- og"); only the white space may differ.
            # The importer names "Tidligere behandling" and the headless text itself.
            heading = part.heading if part.heading in edoc_pdf.HEADINGS else ""
            assert squeeze(heading + part.text) in squeeze(expected["full"]), (name, part)
            assert "Sagsnr." not in part.text and "Dok.nr." not in part.text
            assert expected["title"] not in part.text
            assert "beslutning den" not in part.text
            assert "Følgende deltog" not in part.text


def test_item_attachments_and_companions_come_from_the_xml(sample, xml_items):
    doc = load(sample / "1552821.PDF")
    assert doc.items[0].attachments == (
        AttachmentRef("KL's proces vedrørende det nære sundhedsvæsen", file="1548343.PDF"),
        AttachmentRef("Det nære sundhedsvæsen - KL", file="1543229.PDF"),
    )
    for name, expected in xml_items.items():
        raw = (sample / name).read_bytes()
        assert edoc_pdf.companions(raw, str(sample / name)) == expected["attachments"]
    assert load(sample / "1552816.PDF").items[0].attachments == ()


def test_missing_attachment_is_reported(sample, tmp_path):
    from dagsorden.importers.base import collecting_problems

    shutil.copy(sample / edoc_pdf.XML_NAME, tmp_path)
    shutil.copy(sample / "1552817.PDF", tmp_path)
    with collecting_problems() as problems:
        doc = load(tmp_path / "1552817.PDF")
    assert doc.items[0].attachments == (
        AttachmentRef("Aktivitetscenter Solvej 6 - Projektbeskrivelse", file=None),
    )
    assert problems == [
        f"{tmp_path / '1552817.PDF'}: attachment 1533095.PDF "
        f"(Aktivitetscenter Solvej 6 - Projektbeskrivelse) is not beside {edoc_pdf.XML_NAME}"
    ]


def test_item_parts_and_their_headings(sample):
    (item,) = load(sample / "1552823.PDF").items
    assert [p.heading for p in item.parts] == [
        "Sammendrag",
        "Baggrund",
        "Sagsfremstilling",
        "Økonomiske konsekvenser og finansiering",
        "Bilag",
        "Beslutningen træffes af",
        "Indstilling",
    ]
    assert item.part("Sammendrag").text.startswith(
        "Det årlige bygningssyn er nu afsluttet, og der er foretaget en prioritering af "
        "aktiviteter for bygningsvedligeholdelse 2013.\n\nPlanen for aktiviteter"
    )
    assert "en del ikke-planlagte opgaver" in item.part("Sagsfremstilling").text
    assert item.part("Beslutningen træffes af").text == BODY
    assert item.part("Indstilling").text == (
        "Center for Ejendomme indstiller, at\n"
        "A) De foreslåede arbejder for bygningsvedligeholdelse 2013 under Sundheds- og "
        "Forebyggelsesudvalget godkendes.\n"
        "B) Anlægsbevilling på 1.316.000 kr. over projekt nr. 650260, "
        "Vedligeholdelsesarbejder 2013 indgår i den samlede anlægssag, som fremlægges for "
        "Økonomiudvalget og Kommunalbestyrelsen."
    )


def test_earlier_treatment_and_headless_items(sample):
    (item,) = load(sample / "1552826.PDF").items
    assert item.parts[0].heading == "Tidligere behandling"
    assert item.parts[0].text == "Sundheds- og Forebyggelsesudvalget den 30. maj 2012 Punkt 7"
    (news,) = load(sample / "1552824.PDF").items
    # "Meddelelser" has no headings; its "Bilag" lines under each point are text.
    assert [p.heading for p in news.parts] == [""]
    assert news.parts[0].text.startswith("a. Møder og konferencer\nb. Konference den 23.")
    assert news.decision == "Taget til efterretning"


def test_attachment_pdfs_are_not_edoc_items(sample, xml_items):
    attachments = {a for item in xml_items.values() for a in item["attachments"]}
    assert len(attachments) == 10
    for name in sorted(attachments):
        raw = (sample / name).read_bytes()
        assert not edoc_pdf.detect(raw), name
        with pytest.raises(ImportFailed) as exc:
            edoc_pdf.parse(raw, name)
        assert "no eDoc item" in str(exc.value) and "\n" not in str(exc.value)


# -- an item PDF of an agenda: no decision block -----------------------------------


@pytest.fixture(scope="module")
def agenda_item_pdf(sample) -> bytes:
    lines = item_lines(sample / "1552816.PDF")
    cut = next(i for i, line in enumerate(lines) if "beslutning den" in line)
    return render(page_html(lines[:cut]))


def test_agenda_item_takes_committee_and_date_from_the_xml_beside_it(
    sample, agenda_item_pdf, tmp_path
):
    shutil.copy(sample / edoc_pdf.XML_NAME, tmp_path)
    path = tmp_path / "1552816.PDF"
    path.write_bytes(agenda_item_pdf)
    doc = load(path)
    assert (doc.body, doc.meeting.date, doc.meeting.document) == (
        BODY,
        dt.date(2012, 12, 4),
        "agenda",
    )
    (item,) = doc.items
    assert (item.number, item.title, item.decision) == ("8", "Evaluering af rygestopkurser", None)
    assert item.part("Indstilling").text.endswith("tages til efterretning.")
    assert edoc_pdf.partial(doc)


def test_agenda_item_without_the_xml_fails_with_the_reason(agenda_item_pdf, tmp_path):
    path = tmp_path / "1552816.PDF"
    path.write_bytes(agenda_item_pdf)
    with pytest.raises(ImportFailed) as exc:
        load(path)
    message = str(exc.value)
    assert "no decision block" in message and edoc_pdf.XML_NAME in message
    assert "decided by Sundheds- og Forebyggelsesudvalget" in message
    assert "\n" not in message


# -- a whole meeting ----------------------------------------------------------------

HEADER = "Sundheds- og Forebyggelsesudvalget - Referat - Dato: 04.12.2012"
PRESENT = [
    "Lolan Ottesen (A) - formand",
    "Grethe Larsen (A) - næstformand",
    "Birte Kramhøft (F)",
    "Doris Børger (A)",
    "Karl Vilhelm Nielsen (V)",
    "Maria Lundahl Assov (A)",
]
ABSENT = ["Per Mortensen (A) - afbud"]
CSS = f"""
@page {{ size: A4; margin: 22mm 18mm;
  @top-center {{ content: "{HEADER}"; font-size: 8pt }}
  @bottom-right {{ content: "Side " counter(page); font-size: 8pt }} }}
body {{ font: 9pt sans-serif }}
div {{ white-space: pre }}
.page {{ page-break-before: always }}
"""


def item_lines(path: Path) -> list[str]:
    text = pdf_text(path.read_bytes(), str(path)).text
    # PDFium marks a line-end hyphen; the page has the hyphen itself.
    return [line.strip().replace("\u00ad", "-") for line in text.split("\n") if line.strip()]


def page_html(lines: list[str], css: str = "body { font: 9pt sans-serif } div {}") -> str:
    divs = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
    return f"<html><head><style>{css}</style></head><body>{divs}</body></html>"


def render(document: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=document).write_pdf()


@pytest.fixture(scope="module")
def item_docs(sample, xml_items):
    by_number = {int(v["number"]): name for name, v in xml_items.items()}
    return [load(sample / by_number[n]) for n in sorted(by_number)]


def build_meeting(
    sample, xml_items, *, kind="Referat", header=HEADER, decisions=True, numbers=range(1, 9)
) -> bytes:
    """A whole-meeting PDF as eDoc lays it out, with the item PDFs' lines as its items."""
    by_number = sorted(
        (int(v["number"]), name, v["title"])
        for name, v in xml_items.items()
        if int(v["number"]) in numbers
    )
    front = [BODY, kind, f"Åbent {kind.lower()}", "Dato: 04.12.2012"]
    cover = [
        kind,
        BODY,
        "tirsdag den 4. december 2012, kl. 13:00",
        "i Mødecenter C, Lokale 32 på Ballerup Rådhus",
        f"Åbent {kind.lower()}",
        "Tilstede",
        *PRESENT,
        "Afbud/Fraværende",
        *ABSENT,
        "Sekretær",
        "Mie Helene Andresen",
    ]
    toc = ["INDHOLDSFORTEGNELSE", "Åbent referat"]
    toc += [f"{n}. {title} {'.' * 8} {n + 2}" for n, _, title in by_number]
    toc.append("Lukket referat")
    items = []
    for _, name, _ in by_number:
        lines = item_lines(sample / name)
        if not decisions:
            lines = lines[: next(i for i, line in enumerate(lines) if "beslutning den" in line)]
        items += lines

    def block(lines, cls=""):
        divs = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
        return f'<section class="{cls}">{divs}</section>'

    body = block(front) + block(cover, "page") + block(toc, "page") + block(items, "page")
    css = CSS.replace(HEADER, header)
    return render(f"<html><head><style>{css}</style></head><body>{body}</body></html>")


@pytest.fixture(scope="module")
def meeting_pdf(sample, xml_items) -> bytes:
    return build_meeting(sample, xml_items)


@pytest.fixture(scope="module")
def meeting(meeting_pdf):
    assert edoc_pdf.detect(meeting_pdf)
    return edoc_pdf.parse(meeting_pdf, "1552814.PDF")


def test_meeting_pdf_has_page_furniture(meeting_pdf):
    # The test is only worth its name if the built PDF has what it must drop.
    pages = pdf_text(meeting_pdf, "built.pdf").pages
    assert len(pages) >= 6
    assert all(HEADER in page and re.search(r"Side \d+", page) for page in pages)


def test_meeting_front_page(meeting):
    assert meeting.body == BODY
    assert meeting.meeting.date == dt.date(2012, 12, 4)
    assert meeting.meeting.start == "13:00"
    assert meeting.meeting.location == "Mødecenter C, Lokale 32 på Ballerup Rådhus"
    assert meeting.meeting.document == "minutes"
    assert not edoc_pdf.partial(meeting)


def test_meeting_attendance(meeting):
    assert meeting.attendance.present[0] == Attendee("Lolan Ottesen", "A", "formand")
    assert meeting.attendance.present[2] == Attendee("Birte Kramhøft", "F")
    assert [a.name for a in meeting.attendance.present] == [p.split(" (")[0] for p in PRESENT]
    assert meeting.attendance.absent == (Attendee("Per Mortensen", "A", reason="afbud"),)


def test_meeting_items_are_the_item_pdfs(meeting, item_docs):
    assert [(s.number, s.title) for s in meeting.sections] == [("1", "Åben dagsorden")]
    assert [i.number for i in meeting.items] == [str(n) for n in range(1, 9)]
    for got, doc in zip(meeting.items, item_docs, strict=True):
        # Same lines, so the same item: no header, footer or contents line got in.
        assert got == replace(doc.items[0], attachments=()), got.number


def test_no_furniture_or_contents_in_any_text(meeting):
    texts = [i.title for i in meeting.items] + [i.decision or "" for i in meeting.items]
    texts += [p.heading + "\n" + p.text for i in meeting.items for p in i.parts]
    for text in texts:
        assert not re.search(r"\bSide \d+", text), text
        assert "Dato: 04.12.2012" not in text and "INDHOLDSFORTEGNELSE" not in text
        assert "Referat" not in text and "........" not in text


def test_closed_items_after_the_closed_mark(sample, xml_items):
    by_number = sorted((int(v["number"]), name) for name, v in xml_items.items())
    lines = ["Byrådet", "tirsdag den 4. december 2012, kl. 17:00", "i Byrådssalen"]
    lines += ["Åbent referat", *item_lines(sample / by_number[0][1])]
    lines += ["Lukket referat", *item_lines(sample / by_number[1][1])]
    doc = edoc_pdf.parse(render(page_html(lines)), "closed.pdf")
    assert doc.body == "Byrådet" and doc.meeting.location == "Byrådssalen"
    assert [(s.title, [(i.number, i.public) for i in s.items]) for s in doc.sections] == [
        ("Åben dagsorden", [("1", True)]),
        ("Lukket dagsorden", [("2", False)]),
    ]


def test_agenda_whose_running_header_is_the_committee(sample, xml_items, item_docs):
    # The header repeats the committee's name, as the cover and front page do.
    pdf = build_meeting(
        sample, xml_items, kind="Dagsorden", header=BODY, decisions=False, numbers=(1, 2, 3)
    )
    assert all(BODY in page for page in pdf_text(pdf, "agenda.pdf").pages)
    doc = edoc_pdf.parse(pdf, "agenda.pdf")
    assert (doc.body, doc.meeting.date, doc.meeting.document) == (
        BODY,
        dt.date(2012, 12, 4),
        "agenda",
    )
    assert len(doc.attendance.present) == len(PRESENT)
    assert [i.decision for i in doc.items] == [None, None, None]
    for got, item_doc in zip(doc.items, item_docs[:3], strict=True):
        assert got.parts == item_doc.items[0].parts
    assert not edoc_pdf.partial(doc)


def paged(pages: list[list[str]], header: list[str]) -> bytes:
    """Pages laid out by hand, header first and "Side N" last, as Word writes them."""
    sections = []
    for n, lines in enumerate(pages, 1):
        divs = "".join(f"<div>{html.escape(line)}</div>" for line in [*header, *lines])
        sections.append(f'<section class="page">{divs}<div>Side {n}</div></section>')
    css = (
        "@page { size: A4; margin: 15mm } body { font: 9pt sans-serif }"
        " div { white-space: pre } section + section { page-break-before: always }"
    )
    return render(f"<html><head><style>{css}</style></head><body>{''.join(sections)}</body></html>")


def test_header_in_the_flow_above_the_same_name_in_an_item(sample, xml_items, item_docs):
    by_number = sorted((int(v["number"]), name) for name, v in xml_items.items())
    items = [line for _, name in by_number for line in item_lines(sample / name)]
    # A page begins with "Beslutningen træffes af" and the committee's name, right
    # under a header that is that name too.
    cut = items.index("Beslutningen træffes af")
    pages = [["Referat", BODY, "tirsdag den 4. december 2012, kl. 13:00", "i Byrådssalen"]]
    pages += [items[i : min(i + 40, cut)] for i in range(0, cut, 40)]
    pages += [items[i : i + 40] for i in range(cut, len(items), 40)]
    pdf = paged(pages, [BODY, "Dato: 04.12.2012"])
    assert len(pdf_text(pdf, "paged.pdf").pages) == len(pages)
    assert pages[1 + -(-cut // 40)][:2] == ["Beslutningen træffes af", BODY]
    doc = edoc_pdf.parse(pdf, "paged.pdf")
    assert (doc.body, doc.meeting.location) == (BODY, "Byrådssalen")
    assert [i.number for i in doc.items] == [str(n) for n in range(1, 9)]
    for got, item_doc in zip(doc.items, item_docs, strict=True):
        assert got == replace(item_doc.items[0], attachments=()), got.number


def test_meeting_beside_the_xml_gets_attachments(sample, meeting_pdf, item_docs, tmp_path):
    for name in ("eDocAgendaPublishing.xml", *(p.name for p in sample.glob("*.PDF"))):
        (tmp_path / name).symlink_to(sample / name)
    path = tmp_path / "1552814.PDF"  # the XML's name for the whole "Åben dagsorden"
    path.write_bytes(meeting_pdf)
    doc = load(path)
    assert doc.items == tuple(d.items[0] for d in item_docs)
    assert sorted(edoc_pdf.companions(meeting_pdf, str(path))) == sorted(
        a.file for d in item_docs for a in d.items[0].attachments
    )


# -- damaged input ------------------------------------------------------------------


def test_truncated_pdf_fails_in_one_line(sample):
    raw = (sample / "1552823.PDF").read_bytes()[:4000]
    assert not edoc_pdf.detect(raw)
    with pytest.raises(ImportFailed) as exc:
        edoc_pdf.parse(raw, "cut.pdf")
    assert str(exc.value).startswith("cut.pdf: ") and "\n" not in str(exc.value)


def test_encrypted_pdf_fails_in_one_line(sample):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(sample / "1552823.PDF").pages:
        writer.add_page(page)
    writer.encrypt("hemmelig")
    out = io.BytesIO()
    writer.write(out)
    assert not edoc_pdf.detect(out.getvalue())
    with pytest.raises(ImportFailed, match="encrypted with a password") as exc:
        edoc_pdf.parse(out.getvalue(), "locked.pdf")
    assert "\n" not in str(exc.value)


def test_not_a_pdf():
    assert not edoc_pdf.detect(b"1. Meddelelser\nSagsnr.: 2011-29298\nDok.nr.: 1\n")


# -- rules on small inputs -----------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["for Sundheds\u00ad", "og Forebyggelse"], "for Sundheds- og Forebyggelse"),
        (["en del ikke\u00ad", "planlagte opgaver"], "en del ikke-planlagte opgaver"),
        (["data på 6-", "måneders opfølgningen"], "data på 6-måneders opfølgningen"),
        (["Kort linje.", "Næste afsnit"], "Kort linje.\n\nNæste afsnit"),
        (["indstiller, at", "A) Godkendes."], "indstiller, at\nA) Godkendes."),
    ],
)  # fmt: skip
def test_join_lines(lines, text):
    assert edoc_pdf.join_lines(lines, width=40) == text


def test_wrapped_decision_heading():
    lines = [
        "4. Titel",
        "Sagsnr.: 2013-1",
        "Indstilling",
        "Godkendes.",
        "Beskæftigelses- og",
        "Integrationsudvalgets beslutning den 05.02.2013 Punkt 4",
        "Godkendt",
    ]
    parsed = edoc_pdf.parse_item(lines)
    assert parsed.decided == edoc_pdf.Decided("Beskæftigelses- og Integrationsudvalget",
                                              dt.date(2013, 2, 5))  # fmt: skip
    assert parsed.item.part("Indstilling").text == "Godkendes."
    assert parsed.item.decision == "Godkendt"


def test_other_committees_decisions_are_parts():
    lines = [
        "9. Titel",
        "Sagsnr.: 2013-1",
        "Indstilling",
        "Godkendes.",
        "Økonomiudvalgets beslutning den 28.01.2013 Punkt 3",
        "Anbefales",
        "Kommunalbestyrelsens beslutning den 04.02.2013 Punkt 9",
        "Godkendt",
        "Følgende deltog ikke i behandlingen af punktet:",
        "Jens Hansen (V)",
    ]
    parsed = edoc_pdf.parse_item(lines)
    assert parsed.decided == edoc_pdf.Decided("Kommunalbestyrelsen", dt.date(2013, 2, 4))
    assert parsed.item.part("Økonomiudvalgets beslutning den 28.01.2013").text == "Anbefales"
    assert parsed.item.decision == (
        "Godkendt\n\nFølgende deltog ikke i behandlingen af punktet: Jens Hansen (V)"
    )


# -- the shared PDF text (pdftext) as this importer relies on it ----------------------


def test_detect_and_parse_extract_the_text_once(sample, monkeypatch):
    from dagsorden.importers import pdftext

    calls = []
    real = pdftext._page_text
    monkeypatch.setattr(pdftext, "_page_text", lambda doc, i: calls.append(i) or real(doc, i))
    pdftext._cached.cache_clear()
    raw = (sample / "1552823.PDF").read_bytes()
    assert edoc_pdf.detect(raw)
    edoc_pdf.parse(raw, "1552823.PDF")
    assert calls == [0, 1]


def test_failure_names_the_path_even_when_detect_saw_it_first():
    from dagsorden.importers import pdftext

    raw = b"%PDF-1.7\nnot really"
    assert not edoc_pdf.detect(raw)
    with pytest.raises(ImportFailed) as exc:
        pdftext.pdf_text(raw, "named.pdf")
    assert exc.value.path == "named.pdf"


def test_join_hyphenated_keeps_a_compound_before_og():
    from dagsorden.importers.pdftext import join_hyphenated

    assert join_hyphenated("Sundheds\u00ad\nog Forebyggelse") == "Sundheds- og Forebyggelse"
    assert join_hyphenated("sund\u00ad\nhed") == "sundhed"


def test_decision_heading_with_no_real_date(sample, tmp_path):
    lines = item_lines(sample / "1552816.PDF")
    lines = [re.sub(r"den 04\.12\.2012", "den 31.02.2012", line) for line in lines]
    path = tmp_path / "1552816.PDF"
    path.write_bytes(render(page_html(lines)))
    with pytest.raises(ImportFailed, match=r"31\.02\.2012 Punkt 8' has no real date"):
        load(path)


def test_item_pdf_with_a_running_header(sample):
    # Some councils' item PDFs carry a header and "Side N af M": still one item, its
    # committee from the decision block, not from the header.
    lines = item_lines(sample / "1552823.PDF")
    pdf = paged([lines[:30], lines[30:60], lines[60:]], ["Dagsorden og referat", "04.12.2012"])
    doc = edoc_pdf.parse(pdf, "header.pdf")
    assert (doc.body, doc.meeting.date) == (BODY, dt.date(2012, 12, 4))
    (item,) = doc.items
    assert item == replace(load(sample / "1552823.PDF").items[0], attachments=())
    assert edoc_pdf.partial(doc)
