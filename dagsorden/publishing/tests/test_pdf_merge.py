"""The samlet PDF: the agenda, then each attachment PDF the audience may see, bookmarked."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from pypdf import PdfReader

from dagsorden.bodies.models import Body
from dagsorden.documents import format as fmt
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.selectors import meeting_get
from dagsorden.meetings.services import document_import
from dagsorden.publishing.pdf import document_pdf, html_pdf, meeting_pdf


def attachment_pdf(marker: str, pages: int = 1) -> bytes:
    body = "".join(f'<p style="break-after: page">{marker} side {n}</p>' for n in range(pages))
    return html_pdf(f'<html lang="da"><title>{marker}</title><body>{body}</body></html>')


def agenda(*, folder_files: bool = True) -> fmt.Document:
    def ref(title, name, public=True):
        return fmt.AttachmentRef(title=title, public=public, file=name if folder_files else None)

    return fmt.Document(
        source=fmt.Source(format="test"),
        body="Teknik- og Miljøudvalget",
        meeting=fmt.MeetingInfo(date=dt.date(2024, 6, 11)),
        sections=(
            fmt.Section(
                number="1",
                title="Sager",
                items=(
                    fmt.Item(
                        number="1.1",
                        title="Cykelsti",
                        parts=(fmt.Part("Baggrund", "Om cykelstien."),),
                        attachments=(
                            ref("Kort over ruten", "bilag/kort.pdf"),
                            ref("Fortroligt notat", "bilag/notat.pdf", public=False),
                            ref("Regneark", "bilag/tal.xlsx"),
                        ),
                    ),
                    fmt.Item(
                        number="1.2",
                        title="Ekspropriation",
                        public=False,
                        attachments=(ref("Erstatninger", "bilag/erstatning.pdf"),),
                    ),
                    fmt.Item(
                        number="1.3",
                        title="Belysning",
                        attachments=(
                            ref("Mangler", "bilag/findes-ikke.pdf"),
                            ref("Ødelagt", "bilag/oedelagt.pdf"),
                            ref("Udenfor", "../udenfor.pdf"),
                            ref("Tilbud", "bilag/tilbud.pdf"),
                        ),
                    ),
                ),
            ),
        ),
    )


FILES = {
    "kort.pdf": ("BILAG-KORT", 2),
    "notat.pdf": ("BILAG-NOTAT", 1),
    "erstatning.pdf": ("BILAG-ERSTATNING", 1),
    "tilbud.pdf": ("BILAG-TILBUD", 1),
}


@pytest.fixture(scope="module")
def made() -> dict[str, bytes]:
    return {name: attachment_pdf(marker, pages) for name, (marker, pages) in FILES.items()}


@pytest.fixture
def folder(tmp_path, made):
    source = tmp_path / "kilde"
    (source / "bilag").mkdir(parents=True)
    for name, data in made.items():
        (source / "bilag" / name).write_bytes(data)
    (source / "bilag" / "tal.xlsx").write_bytes(b"PK\x03\x04 not a pdf")
    (source / "bilag" / "oedelagt.pdf").write_bytes(b"%PDF-1.7\nthis is no pdf at all")
    (tmp_path / "udenfor.pdf").write_bytes(made["tilbud.pdf"])
    return source


def pages_and_outline(pdf: bytes) -> tuple[PdfReader, list[str], dict[str, int]]:
    reader = PdfReader(io.BytesIO(pdf))
    outline = {}

    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                outline[entry.title] = reader.get_destination_page_number(entry)

    walk(reader.outline)
    return reader, [page.extract_text() for page in reader.pages], outline


def render(document, folder, *, closed: bool) -> tuple[bytes, list[str]]:
    warnings: list[str] = []
    pdf = document_pdf(
        document,
        body=Body(name=document.body),
        closed=closed,
        minutes=False,
        merged_from=folder,
        warn=warnings.append,
    )
    return pdf, warnings


def test_the_public_merged_pdf_has_the_public_attachments_each_bookmarked(folder):
    document = agenda()
    alone = PdfReader(io.BytesIO(document_pdf(document, body=Body(), closed=False, minutes=False)))
    pdf, warnings = render(document, folder, closed=False)
    reader, pages, outline = pages_and_outline(pdf)

    agenda_pages = len(alone.pages)
    assert len(pages) == agenda_pages + 2 + 1  # kort (2 pages) and tilbud
    assert "BILAG-KORT side 0" in pages[agenda_pages]
    assert "BILAG-KORT side 1" in pages[agenda_pages + 1]
    assert "BILAG-TILBUD" in pages[agenda_pages + 2]
    assert outline["Bilag til 1.1: Kort over ruten"] == agenda_pages
    assert outline["Bilag til 1.3: Tilbud"] == agenda_pages + 2
    # The agenda's own bookmarks, tags and language survive the merge.
    assert outline["1.1. Cykelsti"] < agenda_pages
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "da"
    assert reader.metadata.title == "Teknik- og Miljøudvalget – Dagsorden 11. juni 2024"

    everything = "\n".join(pages)
    assert "BILAG-NOTAT" not in everything  # a closed attachment
    assert "BILAG-ERSTATNING" not in everything  # an attachment of a closed item
    assert "Fortroligt notat" not in everything and "Erstatninger" not in everything
    assert not any("notat" in w or "erstatning" in w or "tal.xlsx" in w for w in warnings)


def test_members_get_the_closed_attachments_too(folder):
    pdf, _ = render(agenda(), folder, closed=True)
    _, pages, outline = pages_and_outline(pdf)
    everything = "\n".join(pages)
    assert "BILAG-NOTAT" in everything and "BILAG-ERSTATNING" in everything
    assert "Bilag til 1.1: Fortroligt notat" in outline
    assert "Bilag til 1.2: Erstatninger" in outline
    order = [everything.index(m) for m in ("BILAG-KORT", "BILAG-NOTAT", "BILAG-ERSTATNING")]
    assert order == sorted(order), "attachments follow the agenda's order"


def test_bad_attachment_files_are_reported_and_skipped(folder):
    pdf, warnings = render(agenda(), folder, closed=False)
    assert len(warnings) == 3, warnings
    missing, broken, outside = warnings
    assert missing.startswith("bilag/findes-ikke.pdf: skipped, cannot be read")
    assert broken.startswith("bilag/oedelagt.pdf: skipped, not a readable PDF")
    assert outside == "../udenfor.pdf: skipped, cannot be read (outside the source's folder)"
    _, pages, outline = pages_and_outline(pdf)
    assert "Bilag til 1.3: Mangler" not in outline
    assert "Bilag til 1.3: Udenfor" not in outline
    # The file outside the folder holds the same bytes as tilbud.pdf: only one copy.
    assert sum("BILAG-TILBUD" in page for page in pages) == 1


@pytest.mark.django_db
def test_a_meeting_merged_pdf_uses_the_stored_files_and_attachment_visibility(made):
    meeting = document_import(document=agenda(folder_files=False), state=Meeting.State.PUBLISHED)
    stored = {a.title: a for a in _attachments(meeting)}
    for title, name in [
        ("Kort over ruten", "kort.pdf"),
        ("Fortroligt notat", "notat.pdf"),
        ("Erstatninger", "erstatning.pdf"),
        ("Tilbud", "tilbud.pdf"),
    ]:
        stored[title].file.save(name, ContentFile(made[name]))
    stored["Regneark"].file.save("tal.xlsx", ContentFile(b"PK"))
    stored["Mangler"].file.name = "attachments/2024/gone.pdf"
    stored["Mangler"].save()

    warnings: list[str] = []
    public = meeting_pdf(
        meeting_get(meeting_id=meeting.pk),
        closed=False,
        minutes=False,
        merged=True,
        warn=warnings.append,
    )
    _, pages, outline = pages_and_outline(public)
    everything = "\n".join(pages)
    assert "BILAG-KORT" in everything and "BILAG-TILBUD" in everything
    assert "BILAG-NOTAT" not in everything and "BILAG-ERSTATNING" not in everything
    assert "Bilag til 1.1: Kort over ruten" in outline
    assert warnings == [
        "attachments/2024/gone.pdf: skipped, cannot be read (No such file or directory)"
    ]

    members = meeting_pdf(meeting_get(meeting_id=meeting.pk), closed=True, minutes=False)
    _, pages, _ = pages_and_outline(members)
    assert "BILAG-NOTAT" not in "\n".join(pages), "merged=False is the agenda alone"
    again = meeting_get(meeting_id=meeting.pk)
    _, pages, _ = pages_and_outline(meeting_pdf(again, closed=True, minutes=False, merged=True))
    assert "BILAG-NOTAT" in "\n".join(pages) and "BILAG-ERSTATNING" in "\n".join(pages)

    # A stored name edited to lead out of the media folder is skipped, not followed.
    stored["Mangler"].file.name = "../udenfor/hemmelig.pdf"
    stored["Mangler"].save()
    warnings.clear()
    meeting_pdf(
        meeting_get(meeting_id=meeting.pk),
        closed=False,
        minutes=False,
        merged=True,
        warn=warnings.append,
    )
    assert warnings == ["../udenfor/hemmelig.pdf: skipped, the file lies outside the media folder"]


def _attachments(meeting):
    return [
        attachment
        for section in meeting.sections.all()
        for item in section.items.all()
        for attachment in item.attachments.all()
    ]
