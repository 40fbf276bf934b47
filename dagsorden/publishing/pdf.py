"""Agendas and minutes as PDF, rendered with WeasyPrint from the intermediate document.

The layout follows KL's own PDFs: a cover with the body's text, a table of contents
with page numbers, a running header from page 2 ("KKR Hovedstaden | 15-10-2021",
"SIDE | 9"), each item with its parts and "./. Bilag" lines. The PDF is tagged
(PDF/UA-1), in Danish, with bookmarks for sections and items.

Redaction is ``access.document_redact`` and nothing else: ``document_html`` trusts that
its document is already what the audience may see.

WeasyPrint is imported on first use, so a process that never renders (the portal's
workers, most commands) does not pay for it at start-up.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from django.template.loader import render_to_string

from dagsorden.documents import format as fmt
from dagsorden.lib.dates import danish_date
from dagsorden.lib.marks import SAFE_SCHEMES
from dagsorden.publishing.html import text_to_html

if TYPE_CHECKING:
    from dagsorden.bodies.models import Body
    from dagsorden.meetings.models import Meeting

log = logging.getLogger(__name__)

CSS_PATH = Path(__file__).with_name("pdf.css")
TEMPLATE = "publishing/pdf/document.html"
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


Warn = Callable[[str], None]


# -- HTML --------------------------------------------------------------------------------


def kind_label(document: fmt.Document) -> str:
    return "Referat" if document.meeting.document == "minutes" else "Dagsorden"


def document_title(document: fmt.Document) -> str:
    """The PDF's title metadata, also the name a reader's window shows."""
    return f"{document.body} – {kind_label(document)} {danish_date(document.meeting.date)}"


def document_html(document: fmt.Document) -> str:
    """The finished HTML for an already redacted document."""
    meeting = document.meeting
    minutes = meeting.document == "minutes"
    attendance = document.attendance
    context = {
        "title": document_title(document),
        "header": f"{document.body} | {meeting.date.strftime('%d-%m-%Y')}",
        "body": document.body,
        "kind": kind_label(document),
        "date": danish_date(meeting.date),
        "time": _time(meeting),
        "location": _location(meeting),
        "preamble": [_part(p) for p in document.preamble if p.heading or p.text.strip()],
        "attendance": {
            "present": [_present(a) for a in attendance.present],
            "absent": [_absent(a) for a in attendance.absent],
        }
        if minutes and (attendance.present or attendance.absent)
        else None,
        "sections": _sections(document.sections),
    }
    return render_to_string(TEMPLATE, context)


def _time(meeting: fmt.MeetingInfo) -> str | None:
    if not meeting.start:
        return None
    end = f"–{meeting.end.replace(':', '.')}" if meeting.end else ""
    return f"kl. {meeting.start.replace(':', '.')}{end}"


def _location(meeting: fmt.MeetingInfo) -> str | None:
    if meeting.virtual:
        return f"{meeting.location} og virtuelt" if meeting.location else "Virtuelt møde"
    return meeting.location


def _part(part: fmt.Part) -> dict:
    return {"heading": part.heading, "html": text_to_html(part.text)}


def _present(a: fmt.Attendee) -> str:
    text = _name(a)
    if a.role:
        text += f", {a.role}"
    if a.substitute_for:
        text += f" – stedfortræder for {a.substitute_for}"
    return text


def _absent(a: fmt.Attendee) -> str:
    return f"{_name(a)}: {a.reason}" if a.reason else _name(a)


def _name(a: fmt.Attendee) -> str:
    return f"{a.name} ({a.party})" if a.party else a.name


def numbered(number: str, title: str) -> str:
    """Number and title as KL writes them (3.4. Titel): a full stop after every number."""
    number = number.strip()
    dot = "" if number.endswith(".") else "."
    return f"{number}{dot} {title}".strip()


def safe_href(url: str | None) -> str | None:
    """The URL if it may be a link in the PDF (http, https, mailto), else None: a
    ``javascript:`` or ``file:`` address from an import must never become clickable."""
    scheme = (url or "").split(":", 1)[0].strip().lower()
    return url if url and scheme in SAFE_SCHEMES else None


def _sections(sections: tuple[fmt.Section, ...]) -> list[dict]:
    # Ids by position, not by number: numbers from a source need be neither unique nor
    # valid in an id, and a TOC link to the wrong item is worse than an ugly anchor.
    out = []
    n = 0
    for s_index, section in enumerate(sections, 1):
        items = []
        for item in section.items:
            n += 1
            items.append(_item(item, f"punkt-{n}"))
        out.append(
            {
                "id": f"afsnit-{s_index}",
                "heading": numbered(section.number, section.title),
                "items": items,
            }
        )
    return out


def _item(item: fmt.Item, anchor: str) -> dict:
    # A redacted closed item has nothing but its number and neutral title; a closed
    # item the audience may read has content and is marked as closed.
    shown = item.public or bool(
        item.parts or item.attachments or item.decision or item.case_number or item.handlers
    )
    return {
        "id": anchor,
        "heading": numbered(item.number, item.title),
        "shown": shown,
        "closed": not item.public,
        "case": " ".join(x for x in (item.case_number, *item.handlers) if x),
        "parts": [_part(p) for p in item.parts if p.text.strip()],
        "attachments": [
            {
                "title": a.title or a.url or a.file or "Bilag",
                "href": safe_href(a.url),
                "closed": not a.public,
            }
            for a in item.attachments
        ],
        "links": [{"text": link, "href": safe_href(link)} for link in item.links],
        "decision": text_to_html(item.decision) if item.decision else None,
    }


# -- PDF ---------------------------------------------------------------------------------


@functools.cache
def _weasy():
    """WeasyPrint's pieces that every render shares: parsing the stylesheet and loading
    the fonts is done once per process instead of once per PDF."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from dagsorden.publishing.fetch import FETCHER

    fonts = FontConfiguration()
    css = CSS(string=CSS_PATH.read_text("utf-8"), font_config=fonts, url_fetcher=FETCHER)
    return HTML, css, fonts, FETCHER


def html_pdf(html: str) -> bytes:
    """HTML to PDF with our stylesheet and options; the HTML may reference nothing."""
    HTML, css, fonts, fetcher = _weasy()
    # base_url stays None: relative references have nothing to resolve against, and
    # absolute ones meet the refusing fetcher.
    document = HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[css], font_config=fonts, **PDF_OPTIONS)


def document_pdf(
    document: fmt.Document,
    *,
    body: Body,
    closed: bool,
    minutes: bool,
    merged_from: str | Path | None = None,
    warn: Warn | None = None,
) -> bytes:
    """The document as an audience may see it, as PDF.

    ``merged_from`` is the folder the document's attachment files are named relative
    to (a file source's folder); given, the attachments' PDFs the audience may see
    follow the agenda. ``warn`` hears about attachment files that had to be skipped.
    """
    from dagsorden.meetings import access

    redacted = access.document_redact(document=document, body=body, closed=closed, minutes=minutes)
    pdf = html_pdf(document_html(redacted))
    if merged_from is None:
        return pdf
    from dagsorden.publishing import merge

    return merge.merge_pdf(
        pdf, merge.file_appendices(redacted, Path(merged_from)), warn=warn or log.warning
    )


def meeting_pdf(
    meeting: Meeting,
    *,
    closed: bool,
    minutes: bool,
    merged: bool = False,
    warn: Warn | None = None,
) -> bytes:
    """A meeting from the database as PDF; with ``merged``, followed by the attachment
    PDFs that ``access.attachment_visible`` allows for ``closed``."""
    from dagsorden.meetings.selectors import meeting_document

    pdf = document_pdf(
        meeting_document(meeting=meeting), body=meeting.body, closed=closed, minutes=minutes
    )
    if not merged:
        return pdf
    from dagsorden.publishing import merge

    return merge.merge_pdf(
        pdf, merge.meeting_appendices(meeting, closed=closed), warn=warn or log.warning
    )
