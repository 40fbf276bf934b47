"""Minutes as PDF: attendance and decisions, and only for an audience that may see them."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from dagsorden.bodies.models import Body
from dagsorden.documents import format as fmt
from dagsorden.publishing.pdf import document_html, document_pdf


def minutes() -> fmt.Document:
    return fmt.Document(
        source=fmt.Source(format="test"),
        body="Økonomiudvalget",
        meeting=fmt.MeetingInfo(
            date=dt.date(2024, 3, 5),
            start="16:00",
            end="18:30",
            location="Rådhuset, mødelokale 2",
            document="minutes",
        ),
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
                        decision="Vedtaget med **5** stemmer.\n\n- A og V stemte for",
                    ),
                    fmt.Item(
                        number="1.2",
                        title="Salg af grund",
                        public=False,
                        parts=(fmt.Part("Sagsfremstilling", "Køber er Firma ApS."),),
                        decision="Salget godkendes.",
                    ),
                ),
            ),
        ),
    )


def text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def test_minutes_show_attendance_and_decisions():
    document = minutes()
    pdf = document_pdf(document, body=Body(name=document.body), closed=True, minutes=True)
    shown = text(pdf)
    assert shown.startswith("Økonomiudvalget Referat 5. marts 2024 kl. 16.00–18.30 Rådhuset")
    assert "Fremmøde Til stede • Anne Hansen" in shown
    assert "Anne Hansen (A), formand" in shown
    assert "Bo Jensen (V) – stedfortræder for Carl Nielsen" in shown
    assert "Fraværende • Carl Nielsen (V): sygdom" in shown
    assert "Beslutning Vedtaget med 5 stemmer." in shown
    assert "Beslutning Salget godkendes." in shown
    assert PdfReader(io.BytesIO(pdf)).metadata.title == "Økonomiudvalget – Referat 5. marts 2024"


def test_decisions_are_text_like_the_portal_shows_it():
    html = document_html(minutes())
    assert "<strong>5</strong>" in html
    assert "<li>A og V stemte for</li>" in html


def test_the_public_minutes_hide_the_closed_item_and_its_decision():
    document = minutes()
    shown = text(document_pdf(document, body=Body(name="Ø"), closed=False, minutes=True))
    assert "Beslutning Vedtaget med 5 stemmer." in shown
    assert "1.2. Lukket punkt" in shown
    assert "Salg af grund" not in shown
    assert "Salget godkendes" not in shown
    assert "Firma ApS" not in shown


def test_an_agenda_audience_gets_no_attendance_and_no_decisions():
    document = minutes()
    shown = text(document_pdf(document, body=Body(name="Ø"), closed=True, minutes=False))
    assert re.search(r"Økonomiudvalget Dagsorden", shown)
    assert "Fremmøde" not in shown
    assert "Beslutning" not in shown
    assert "Anne Hansen" not in shown
    assert "Det indstilles, at budgettet vedtages." in shown


def test_text_from_an_import_is_escaped_not_markup():
    document = minutes()
    item = document.sections[0].items[0]
    hostile = fmt.Item(
        number="2.1",
        title="<b>fed</b> & <script>",
        parts=(fmt.Part("<i>Overskrift</i>", "<img src=x> [link](javascript:alert(1))"),),
        attachments=(fmt.AttachmentRef(title="Bilag", url="javascript:alert(1)"),),
        links=("file:///etc/passwd",),
    )
    document = fmt.Document(
        source=document.source,
        body=document.body,
        meeting=document.meeting,
        sections=(fmt.Section(number="2", title="T", items=(item, hostile)),),
    )
    html = document_html(document)
    assert "<b>fed</b>" not in html and "&lt;b&gt;fed&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<i>" not in html and "<img" not in html
    assert "javascript:" not in html.replace("[link](javascript:alert(1))", "")
    assert 'href="file:' not in html
