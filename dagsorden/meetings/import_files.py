"""Storing the files an imported document names (its bilag) with their attachments.

An importer names a file as its source does (``AttachmentRef.file``, kept as
``Attachment.source_file``); the caller says where such a name is on disk. Each file
passes the same checks as an upload (type, size, content) and is stored under a random
name. A file that is missing or refused does not stop the import: the attachment keeps
its title and the caller hears why, one line per file.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files import File

from dagsorden.cases.models import Attachment
from dagsorden.meetings.attachments import upload_check
from dagsorden.meetings.models import Meeting

# Where a name the document uses is on disk, or None when the source has no such file.
FileFinder = Callable[[str], Path | None]


def attachment_files_store(
    *, meeting: Meeting, find: FileFinder, problem: Callable[[str], None]
) -> list[str]:
    """Give every attachment of ``meeting`` without a stored file the file its source names.

    Returns the storage names written, so a caller whose transaction fails can remove
    them again (the database row is rolled back; the file on disk is not).
    """
    written: list[str] = []
    pending = (
        Attachment.objects.filter(item__section__meeting=meeting, file="")
        .exclude(source_file=None)
        .exclude(source_file="")
        .order_by("pk")
    )
    for attachment in pending:
        path = find(attachment.source_file)
        if path is None:
            problem(f"{attachment.source_file} (bilag {attachment.title!r}) is not in the source")
            continue
        try:
            with path.open("rb") as handle:
                upload = File(handle, name=PurePosixPath(attachment.source_file).name)
                extension = upload_check(upload)
                name = f"{secrets.token_hex(16)}{extension}"
                attachment.file.save(name, upload, save=False)
        except ValidationError as error:
            problem(f"{error.messages[0]}; bilag {attachment.title!r} is kept without its file")
            continue
        except OSError as exc:
            problem(f"{attachment.source_file} cannot be read ({exc.strerror or exc})")
            continue
        written.append(attachment.file.name)
        Attachment.objects.filter(pk=attachment.pk).update(file=attachment.file.name)
    return written


def files_remove(names: list[str]) -> None:
    """Remove files stored by an import whose transaction was rolled back."""
    storage = Attachment._meta.get_field("file").storage
    for name in names:
        storage.delete(name)
