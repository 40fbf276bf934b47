"""The kl-pdf importer's rules: hyphens, page furniture, detection and broken PDFs.

Every PDF here is rendered at test time (our renderer, or pypdf for the odd ones).
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader, PdfWriter

from dagsorden.bodies.models import Body
from dagsorden.documents import format as fmt
from dagsorden.importers import kl_pdf, kl_text, pdftext
from dagsorden.importers.base import ImportFailed
from dagsorden.importers.kl_pdf import Line
from dagsorden.publishing.pdf import document_pdf, html_pdf

LONG = (
    "Sundhedskoordinationsudvalget og erhvervsfremmebestyrelsen drøfter implementeringsplanen "
    "for Region-Hovedstaden, og KKR-formandskabet følger overenskomstforhandlingerne om "
    "ældreplejen i 2022-2026 tæt, herunder sygehus- og psykiatriområdet og e-mail til 25-årige. "
)


def meeting(text: str = LONG, **item) -> fmt.Document:
    return fmt.Document(
        source=fmt.Source(format="test"),
        body="KKR Hovedstaden",
        meeting=fmt.MeetingInfo(date=dt.date(2021, 10, 15)),
        sections=(
            fmt.Section(
                number="1",
                title="Regionalpolitiske sager",
                items=(
                    fmt.Item(
                        number="1.1",
                        title="De nye sundhedsklynger",
                        case_number="SAG-2021-04819",
                        handlers=("ssan",),
                        parts=(fmt.Part("Baggrund", text),),
                        **item,
                    ),
                ),
            ),
        ),
    )


def render(document: fmt.Document) -> bytes:
    minutes = document.meeting.document == "minutes"
    return document_pdf(document, body=Body(name=document.body), closed=True, minutes=minutes)


# -- hyphens ----------------------------------------------------------------------------------


@pytest.mark.parametrize("hyphen", ["-", "\u2010", "\u00ad"])
def test_a_word_broken_at_a_line_end_is_one_word_again(hyphen):
    assert pdftext.join_hyphenated(f"Det er godt for sund{hyphen}\nheden.") == (
        "Det er godt for sundheden."
    )


def test_a_hyphen_before_a_capital_is_the_words_own():
    assert pdftext.join_hyphenated("Region-\nHovedstaden") == "Region-\nHovedstaden"
    # PDFium's own mark for a hyphen at a line end: a real hyphen survives it too.
    text = pdftext.join_hyphenated(pdftext._normalise("Region\x02Hovedstaden og sund\x02hed"))
    assert text == "Region-\nHovedstaden og sundhed"


def page(*texts: str, size: float = 13.3) -> list[Line]:
    """A page of our layout: a header, then ``texts`` a line each, 14 points apart.

    A line of ``FULL`` length reaches past the page number's edge: it was full.
    """
    lines = [
        Line("KKR Hovedstaden | 15-10-2021", 71.0, 196.0, 774.0, 10.7),
        Line("SIDE | 3", 507.0, 532.0, 774.0, 10.7),
    ]
    bottom = 742.0
    for text in texts:
        # Section and item headings are larger, and a gap apart.
        heading = re.match(r"\d\.(\d\.)? ", text)
        font = size if not heading else 16.0 if heading[1] else 21.3
        lines.append(Line(text, 77.0, 77.0 + 6.1 * len(text), bottom, font))
        bottom -= 30.0 if heading else 14.0
    return lines


def imported_text(lines: list[str], *, ours: bool) -> str:
    """The part text of an item whose text lines are ``lines``."""
    pages = [page("1. Sager", "1.1. Sagen", "Baggrund", *lines)]
    text, _ = kl_pdf.kl_source(pages, ours)
    document = kl_text.parse_text(text, "x.pdf", lines_wrapped=False)
    return document.items[0].parts[0].text


# Full lines: the next word would not have fitted after them.
FULL = "Kommunerne drøfter i dag, hvordan det går med indsatsen for ældre og for alle borgere i "


@pytest.mark.parametrize(
    ("hyphen", "ours"),
    [
        ("\u2010", True),  # WeasyPrint's automatic hyphen
        ("\u2010", False),
        ("\x02", False),  # PDFium's mark for a hyphen-minus at a line end, in Word's PDFs
        ("-", False),
        ("\u00ad", False),
    ],
)
def test_hyphenated_lines_join_into_the_word(hyphen, ours):
    text = imported_text([FULL + "sund" + hyphen, "heden i regionen."], ours=ours)
    assert text == FULL + "sundheden i regionen."


@pytest.mark.parametrize("ours", [True, False])
def test_word_pdf_hyphens_are_judged_by_their_letters(ours):
    lines = [FULL + "Region\x02", "Hovedstaden og KKR-", "formandskabet, sygehus-", "og psykiatri."]
    text = imported_text(lines, ours=ours)
    assert "Region-Hovedstaden" in text
    assert "KKR-formandskabet" in text
    assert "sygehus- og psykiatri" in text


def test_our_hyphen_minus_at_a_line_end_is_kept_even_between_small_letters():
    # WeasyPrint marks its own breaks with U+2010, so "e-" + "mail" was "e-mail".
    assert "e-mail" in imported_text([FULL + "e\x02", "mail til alle."], ours=True)


def test_our_renderer_hyphenates_and_the_words_come_back_whole(tmp_path):
    document = meeting(LONG * 12)
    pdf = render(document)
    printed = pdftext.pdf_text(pdf, "x").text
    assert "\u2010\n" in printed, "the renderer no longer hyphenates: this test proves nothing"
    imported = kl_pdf.parse(pdf, str(tmp_path / "x.pdf"))
    assert " ".join(imported.items[0].parts[0].text.split()) == " ".join((LONG * 12).split())


# -- page furniture ---------------------------------------------------------------------------


def test_running_headers_and_page_numbers_never_reach_the_text():
    paragraphs = "\n\n".join(f"Afsnit {n}. {LONG * 3}" for n in range(12))
    document = meeting(paragraphs)
    pdf = render(document)
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 5
    imported = kl_pdf.parse(pdf, "x.pdf")
    text = imported.items[0].parts[0].text
    assert "SIDE" not in text and "15-10-2021" not in text and "|" not in text
    assert " ".join(text.split()) == " ".join(paragraphs.split())
    # A paragraph that goes on over a page break is one paragraph.
    assert text.count("\n\n") == 11
    assert imported.body == "KKR Hovedstaden"
    assert imported.meeting.date == dt.date(2021, 10, 15)


def test_the_table_of_contents_is_not_read_as_the_agenda():
    imported = kl_pdf.parse(render(meeting("Kort tekst.")), "x.pdf")
    assert [i.number for i in imported.items] == ["1.1"]
    assert imported.items[0].parts == (fmt.Part("Baggrund", "Kort tekst."),)


# -- minutes, closed items, the cover ---------------------------------------------------------


def test_minutes_keep_attendance_decisions_closed_items_and_the_cover():
    document = fmt.Document(
        source=fmt.Source(format="test"),
        body="Økonomiudvalget",
        meeting=fmt.MeetingInfo(
            date=dt.date(2024, 3, 5),
            start="16:00",
            end="18:30",
            location="Rådhuset, mødelokale 2",
            virtual=True,
            document="minutes",
        ),
        preamble=(fmt.Part("Mission", "Vi arbejder for et stærkt lokalt demokrati."),),
        attendance=fmt.Attendance(
            present=(
                fmt.Attendee(name="Anne Hansen", party="A", role="formand"),
                fmt.Attendee(name="Bo Jensen", party="V", substitute_for="Carl Nielsen"),
            ),
            absent=(fmt.Attendee(name="Carl Nielsen", party="V", reason="sygdom"),),
        ),
        sections=(
            fmt.Section(
                number="1",
                title="Sager til beslutning",
                items=(
                    fmt.Item(
                        number="1.1",
                        title="Budget 2025",
                        parts=(fmt.Part("Indstilling", "Det indstilles, at budgettet vedtages."),),
                        decision="Vedtaget.\n\n- A og V stemte for",
                        attachments=(fmt.AttachmentRef("Budgetnotat.", url="https://kl.dk/b"),),
                    ),
                    fmt.Item(
                        number="1.2",
                        title="Salg af grund",
                        public=False,
                        parts=(fmt.Part("Sagsfremstilling", "Køber er Firma ApS."),),
                        decision="Salget godkendes.",
                        attachments=(fmt.AttachmentRef("Købsaftale", public=False),),
                    ),
                ),
            ),
        ),
    )
    imported = kl_pdf.parse(render(document), "referat.pdf")
    assert imported.source == fmt.Source(format="kl-pdf", path="referat.pdf")
    assert imported.meeting == document.meeting
    assert imported.preamble == document.preamble
    assert imported.attendance == document.attendance
    budget, sale = imported.items
    assert budget.decision == "Vedtaget.\n\n- A og V stemte for"
    assert budget.attachments == (fmt.AttachmentRef("Budgetnotat."),)  # the URL is not printed
    assert (sale.public, sale.title, sale.decision) == (False, "Salg af grund", "Salget godkendes.")
    assert sale.attachments == (fmt.AttachmentRef("Købsaftale", public=False),)


# -- detection and broken files ---------------------------------------------------------------


def test_detect_knows_our_pdf_and_nothing_else(seed_path):
    assert kl_pdf.detect(render(meeting("Kort tekst.")))
    other_pdf = html_pdf("<html lang='da'><title>X</title><p>1.1. Ikke en dagsorden</p></html>")
    assert not kl_pdf.detect(other_pdf)
    assert not kl_pdf.detect(seed_path.read_bytes())  # KL text, for kl-text
    assert not kl_pdf.detect(b"not a pdf at all")
    assert not kl_pdf.detect(b"%PDF-1.7 and then nothing")


def encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password="hemmelig", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_an_encrypted_pdf_asks_for_an_unprotected_copy():
    pdf = encrypted(render(meeting("Kort tekst.")))
    assert not kl_pdf.detect(pdf)
    with pytest.raises(ImportFailed) as failed:
        kl_pdf.parse(pdf, "hemmelig.pdf")
    assert failed.value.path == "hemmelig.pdf"
    assert "password" in failed.value.reason


def test_a_truncated_pdf_is_an_import_failure():
    pdf = render(meeting("Kort tekst."))
    for cut in (len(pdf) // 2, 200):
        with pytest.raises(ImportFailed) as failed:
            kl_pdf.parse(pdf[:cut], "halv.pdf")
        assert str(failed.value).startswith("halv.pdf: ")


def test_a_pdf_without_text_is_a_scan():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ImportFailed, match="no text"):
        kl_pdf.parse(out.getvalue(), "scan.pdf")


def test_a_pdf_that_is_no_kl_agenda_says_so():
    pdf = html_pdf("<html lang='da'><title>X</title><p>Et brev.</p></html>")
    with pytest.raises(ImportFailed, match="running header"):
        kl_pdf.parse(pdf, "brev.pdf")
