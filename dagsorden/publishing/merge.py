"""The "samlet PDF": an agenda followed by its attachments' PDFs, each with a bookmark.

Which attachments an audience gets is decided before this module is asked: for a file
source by ``access.document_redact`` (the redacted document lists only what may be
seen), for a meeting by ``access.attachment_visible``. Attachment files are whatever an
import or an upload brought in, so one that is missing, unreadable or not a PDF at all
is reported through ``warn`` and left out; it never stops the agenda itself.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import SuspiciousFileOperation

from dagsorden.documents import format as fmt

if TYPE_CHECKING:
    from dagsorden.meetings.models import Meeting


@dataclass(frozen=True)
class Appendix:
    title: str  # the bookmark
    name: str  # how a warning names the file
    read: Callable[[], bytes]


def merge_pdf(main: bytes, appendices: Iterable[Appendix], *, warn: Callable[[str], None]) -> bytes:
    """``main`` with every readable appendix after it, each under its own bookmark."""
    from pypdf import PdfReader, PdfWriter

    # Cloning keeps the agenda's catalogue as it is: its outline, tags, language and
    # metadata, which a page-by-page copy would drop.
    writer = None
    for appendix in appendices:
        pages = _pages(appendix, warn)
        if not pages:
            continue
        if writer is None:
            writer = PdfWriter(clone_from=PdfReader(io.BytesIO(main)))
        start = len(writer.pages)
        for page in pages:
            writer.add_page(page)
        writer.add_outline_item(title=appendix.title, page_number=start)
    if writer is None:
        # Nothing to add: WeasyPrint's file as it is. pypdf writes no object streams, so
        # a rewrite would triple the size of the tagged agenda for nothing.
        return main
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pages(appendix: Appendix, warn: Callable[[str], None]) -> list:
    from pypdf import PdfReader

    try:
        data = appendix.read()
    except OSError as error:
        warn(f"{appendix.name}: skipped, cannot be read ({error.strerror or error})")
        return []
    except SuspiciousFileOperation:
        # A stored name that leads out of the media folder (edited by hand): never read.
        warn(f"{appendix.name}: skipped, the file lies outside the media folder")
        return []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            warn(f"{appendix.name}: skipped, the PDF is encrypted")
            return []
        return list(reader.pages)
    # pypdf raises many kinds of error on a damaged file (its own, ValueError, KeyError,
    # struct.error …); every one of them means the same here: not a PDF we can use.
    except Exception as error:
        warn(f"{appendix.name}: skipped, not a readable PDF ({type(error).__name__})")
        return []


def is_pdf_name(name: str | None) -> bool:
    return bool(name) and name.lower().endswith(".pdf")


def bookmark(item, title: str) -> str:
    return f"Bilag til {item.number}: {title}"


def file_appendices(document: fmt.Document, folder: Path) -> Iterator[Appendix]:
    """The PDF attachments of a (redacted) document read from files, named relative to
    ``folder``. A name that leads out of the folder is refused: a source file must not
    be able to put an arbitrary file of the machine into a published PDF."""
    root = folder.resolve()
    for item in document.items:
        for attachment in item.attachments:
            if not is_pdf_name(attachment.file):
                continue
            path = (root / attachment.file).resolve()
            title = bookmark(item, attachment.title or Path(attachment.file).name)
            if not path.is_relative_to(root):
                yield Appendix(title, attachment.file, _refuse("outside the source's folder"))
            else:
                yield Appendix(title, attachment.file, path.read_bytes)


def meeting_appendices(meeting: Meeting, *, closed: bool) -> Iterator[Appendix]:
    """The stored PDF attachments of a meeting that ``closed`` allows, in agenda order."""
    from dagsorden.meetings import access

    for section in meeting.sections.all():
        for item in section.items.all():
            for attachment in item.attachments.all():
                if not attachment.file or not is_pdf_name(attachment.file.name):
                    continue
                if not access.attachment_visible(item=item, attachment=attachment, closed=closed):
                    continue
                title = bookmark(item, attachment.title or Path(attachment.file.name).name)
                yield Appendix(title, attachment.file.name, _stored(attachment.file))


def _stored(field_file) -> Callable[[], bytes]:
    def read() -> bytes:
        # Through the storage, not the FieldFile: opening that would leave a file handle
        # on the model instance.
        with field_file.storage.open(field_file.name, "rb") as f:
            return f.read()

    return read


def _refuse(reason: str) -> Callable[[], bytes]:
    def read() -> bytes:
        raise OSError(reason)

    return read
