"""Uploading, changing and removing an item's attachments (bilag).

An upload is refused unless its extension is allowed (``settings.ATTACHMENT_TYPES``),
it fits ``settings.ATTACHMENT_MAX_BYTES`` and its first bytes are what that type starts
with: a program renamed to ``.pdf`` is not a PDF. The file is stored under a random
name, so nothing the user's computer called it reaches our file system.
"""

from __future__ import annotations

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from dagsorden.audit.services import audit_record, changes_between
from dagsorden.cases.models import Attachment
from dagsorden.meetings.editing import files_delete_on_commit, meeting_for_edit, still_there
from dagsorden.meetings.models import AgendaItem
from dagsorden.meetings.versions import version_record

TITLE_MAX = Attachment._meta.get_field("title").max_length

_ZIP = (b"PK\x03\x04",)
# What a file of each type starts with; the Office and OpenDocument formats are ZIP files.
SIGNATURES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("PDF", (b"%PDF-",)),
    ".png": ("PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG", (b"\xff\xd8\xff",)),
    ".docx": ("Word", _ZIP),
    ".xlsx": ("Excel", _ZIP),
    ".pptx": ("PowerPoint", _ZIP),
    ".odt": ("OpenDocument", _ZIP),
    ".ods": ("OpenDocument", _ZIP),
}
TEXT_TYPES = {".txt", ".csv"}
# Windows and Linux programs: refused whatever their name says.
_PROGRAMS = (b"MZ", b"\x7fELF")


@transaction.atomic
def attachment_add(
    *, item: AgendaItem, title: str, uploaded_file: UploadedFile, public: bool, by
) -> Attachment:
    """A new last attachment of ``item``; ``title`` defaults to the file's name."""
    meeting = meeting_for_edit(item.section.meeting_id)
    extension = upload_check(uploaded_file)
    title = _title_clean(title) or PurePath(uploaded_file.name).stem[:TITLE_MAX]
    order = (item.attachments.aggregate(n=Max("order"))["n"] or 0) + 1
    attachment = Attachment(item=item, order=order, title=title, public=public)
    attachment.file.save(_stored_name(extension), uploaded_file, save=False)
    attachment.save()
    audit_record(
        user=by,
        action="attachment_add",
        obj=attachment,
        body=meeting.body,
        changes={"item": item.number, "title": title, "public": public},
    )
    version_record(meeting=meeting, by=by, note=f"Bilag tilføjet til punkt {item.number}: {title}")
    return attachment


@transaction.atomic
def attachment_update(
    *,
    attachment: Attachment,
    title: str,
    public: bool,
    by,
    uploaded_file: UploadedFile | None = None,
) -> Attachment:
    """Change the title and public flag; with ``uploaded_file``, replace the file too."""
    item = attachment.item
    meeting = meeting_for_edit(item.section.meeting_id)
    attachment = still_there(Attachment.objects.select_for_update(), attachment.pk)
    extension = upload_check(uploaded_file) if uploaded_file is not None else None
    title = _title_clean(title)
    if not title:
        raise ValidationError({"title": "Skriv en titel på bilaget."})
    before = {"title": attachment.title, "public": attachment.public, "file": attachment.file.name}
    attachment.title, attachment.public = title, public
    if uploaded_file is not None:
        files_delete_on_commit([attachment.file.name])
        attachment.file.save(_stored_name(extension), uploaded_file, save=False)
    after = {"title": title, "public": public, "file": attachment.file.name}
    changes = changes_between(before, after)
    if not changes:
        return attachment
    attachment.save()
    audit_record(
        user=by, action="attachment_update", obj=attachment, body=meeting.body, changes=changes
    )
    version_record(meeting=meeting, by=by, note=f"Bilag til punkt {item.number} rettet: {title}")
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by) -> None:
    item = attachment.item
    meeting = meeting_for_edit(item.section.meeting_id)
    # Read again under the meeting's lock: a double submit deletes (and logs) once.
    attachment = still_there(Attachment.objects.all(), attachment.pk)
    audit_record(
        user=by,
        action="attachment_delete",
        obj=attachment,
        body=meeting.body,
        changes={"item": item.number, "title": attachment.title},
    )
    files_delete_on_commit([attachment.file.name])
    title = attachment.title
    attachment.delete()
    version_record(meeting=meeting, by=by, note=f"Bilag til punkt {item.number} slettet: {title}")


def upload_check(uploaded_file: UploadedFile) -> str:
    """The file's extension if it may be stored; else ``ValidationError`` naming the file
    and the reason."""
    name = PurePath(uploaded_file.name or "").name or "filen"
    extension = PurePath(name).suffix.lower()
    allowed = list(settings.ATTACHMENT_TYPES)
    if extension not in settings.ATTACHMENT_TYPES:
        what = f"filtypen {extension}" if extension else "en fil uden filtype"
        raise ValidationError(
            f"{name}: {what} er ikke tilladt (tilladt: {', '.join(allowed)})", code="type"
        )
    limit = settings.ATTACHMENT_MAX_BYTES
    if uploaded_file.size > limit:
        raise ValidationError(
            f"{name}: filen er {size_format(uploaded_file.size)}; grænsen er {size_format(limit)}",
            code="size",
        )
    if not uploaded_file.size:
        raise ValidationError(f"{name}: filen er tom", code="empty")
    uploaded_file.seek(0)
    head = uploaded_file.read(1024)
    uploaded_file.seek(0)
    label, signatures = SIGNATURES.get(extension, (None, ()))
    if head.startswith(_PROGRAMS) or (signatures and not head.startswith(signatures)):
        raise ValidationError(
            f"{name}: indholdet er ikke {_kind(label, extension)}, selvom navnet ender på "
            f"{extension}",
            code="content",
        )
    if extension in TEXT_TYPES and b"\x00" in head:
        raise ValidationError(
            f"{name}: indholdet er ikke tekst, selvom navnet ender på {extension}", code="content"
        )
    return extension


def size_format(size: int) -> str:
    """A size the way a person says it: "31 MB", "2,5 MB", "900 kB", "12 bytes"."""
    for unit, factor in (("MB", 1024 * 1024), ("kB", 1024)):
        if size >= factor:
            value = size / factor
            text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")
            return f"{text.replace('.', ',')} {unit}"
    return f"{size} bytes"


def _kind(label: str | None, extension: str) -> str:
    return f"en {label}-fil" if label else f"en {extension}-fil"


def _title_clean(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"Titlen er for lang (højst {TITLE_MAX} tegn)."})
    return title


def _stored_name(extension: str) -> str:
    # upload_to adds the "attachments/<year>/" folder.
    return f"{secrets.token_hex(16)}{extension}"
