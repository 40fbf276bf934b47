"""``dagsorden render SOURCE -o OUT.pdf``: an agenda or minutes as PDF.

SOURCE is a meeting id (digits only) or any file ``dagsorden import`` reads. A file is
rendered without a database, so a PDF can be made from a source on a machine that has
none. OUT.pdf is written whole or not at all: the PDF goes to a temporary file beside
it, which replaces OUT.pdf only once complete.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

AUDIENCES = ("public", "members")


class RenderFailed(Exception):
    """A user error: the message is the one line the command prints."""


class Command(BaseCommand):
    help = (
        "Render an agenda or minutes as PDF. SOURCE is a meeting id (digits only) or a file "
        "that `dagsorden import` reads; a file needs no database. The public PDF shows a "
        "closed item only as its number and neutral title; the members' PDF has everything. "
        "For a meeting id the public gets decisions and attendance once the minutes are "
        "published, and the public PDF is rendered even before the meeting is published "
        "(the operator asked for it), with a note on stderr. A file has no workflow state: "
        "its minutes are minutes for both audiences. Exit status 2 on bad input."
    )
    # Checks would open the database, and a file source must work without one.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="SOURCE", help="a meeting id or a file to render")
        parser.add_argument(
            "-o", "--output", metavar="OUT.pdf", required=True, help="where to write the PDF"
        )
        parser.add_argument(
            "--audience",
            choices=AUDIENCES,
            default="public",
            help="public (default): closed items as number and title only; "
            "members: closed items and attachments included",
        )
        parser.add_argument(
            "--merged",
            action="store_true",
            help="append the PDF attachments the audience may see, each with a bookmark "
            "(samlet PDF); a missing or unreadable attachment is reported and skipped",
        )

    def handle(self, *args, **options):
        source, output = options["source"], options["output"]
        if options["merged"]:
            # pypdf logs its own lines about a damaged attachment; the warning this
            # command prints names the file instead, so one line per file is enough.
            logging.getLogger("pypdf").setLevel(logging.ERROR)
        try:
            target = _target(output)
            if source.isdigit():
                pdf = self._meeting(int(source), options["audience"], options["merged"])
            else:
                pdf = self._file(source, options["audience"], options["merged"])
            _write(target, pdf)
        except RenderFailed as error:
            self.stderr.write(f"dagsorden render: {error}")
            if self._called_from_command_line:
                # The line says it all; CommandError would add a "CommandError:" line.
                sys.exit(2)
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(f"wrote {output}")

    def _warn(self, message: str) -> None:
        self.stderr.write(f"dagsorden render: warning: {message}")

    def _file(self, source: str, audience: str, merged: bool) -> bytes:
        from dagsorden.bodies.models import Body
        from dagsorden.documents.format import DocumentError
        from dagsorden.importers import registry
        from dagsorden.importers.base import ImportFailed
        from dagsorden.publishing.pdf import document_pdf

        try:
            documents = registry.load(source)
        except ImportFailed as error:
            raise RenderFailed(str(error)) from None
        except DocumentError as error:
            raise RenderFailed(f"{source}: {error}") from None
        if len(documents) != 1:
            raise RenderFailed(f"{source}: holds {len(documents)} documents; render one at a time")
        document = documents[0]
        # An unsaved Body has the defaults for closed items and needs no database.
        return document_pdf(
            document,
            body=Body(name=document.body),
            closed=audience == "members",
            minutes=document.meeting.document == "minutes",
            merged_from=Path(source).parent if merged else None,
            warn=self._warn,
        )

    def _meeting(self, meeting_id: int, audience: str, merged: bool) -> bytes:
        from django.contrib.auth.models import AnonymousUser
        from django.db import DatabaseError

        from dagsorden.meetings import access
        from dagsorden.meetings.selectors import meeting_get
        from dagsorden.publishing.pdf import meeting_pdf

        try:
            meeting = meeting_get(meeting_id=meeting_id)
            if meeting is None:
                raise RenderFailed(f"meeting {meeting_id}: no such meeting")
            if audience == "members":
                closed, minutes = True, meeting.document == "minutes"
            else:
                anonymous = AnonymousUser()
                closed, minutes = False, access.can_see_minutes(anonymous, meeting)
                if not access.can_see_meeting(anonymous, meeting):
                    self._warn(
                        f"meeting {meeting_id} is not published yet "
                        f"({meeting.get_state_display()}); rendering the public version as asked"
                    )
            return meeting_pdf(
                meeting, closed=closed, minutes=minutes, merged=merged, warn=self._warn
            )
        except DatabaseError as error:
            detail = (
                str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            )
            raise RenderFailed(
                f"meeting {meeting_id}: the database could not be read ({detail}); "
                "has `dagsorden migrate` been run?"
            ) from None


def _target(output: str) -> Path:
    """The output path, checked before the (slow) rendering so a typo fails at once."""
    target = Path(output)
    folder = target.parent
    if not folder.is_dir():
        raise RenderFailed(f"{output}: folder {str(folder)!r} does not exist")
    if target.is_dir():
        raise RenderFailed(f"{output}: is a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise RenderFailed(f"{output}: folder {str(folder)!r} is not writable")
    return target


def _write(target: Path, pdf: bytes) -> None:
    tmp = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        ) as f:
            tmp = f.name
            f.write(pdf)
        # NamedTemporaryFile is 0600; a PDF is a document to share like any other file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as error:
        # Ctrl-C mid-write too: no stray temporary file beside the output.
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(error, OSError):
            raise RenderFailed(f"{target}: cannot write ({error.strerror or error})") from None
        raise
