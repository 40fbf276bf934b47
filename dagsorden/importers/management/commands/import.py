"""``dagsorden import PATH...``: read agendas or minutes and store them as meetings.

Each input is all or nothing: a file that cannot be read, parsed or stored leaves the
database as it was, while the other inputs are still imported. Any failure makes the
exit status 2, so a script notices even when most files went in.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, OperationalError, ProgrammingError, transaction

from dagsorden.documents.format import Document, DocumentError
from dagsorden.importers import registry
from dagsorden.importers.base import ImportFailed
from dagsorden.meetings.services import document_import, document_validate


class Command(BaseCommand):
    help = (
        "Import agendas and minutes. Each PATH becomes the meeting of its body on its date; "
        "importing a file again updates that meeting. Exit status 2 if any input failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a file to import")
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check every input, write nothing"
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="print the documents as a JSON array on stdout instead of the summary",
        )
        parser.add_argument(
            "--format",
            metavar="NAME",
            choices=sorted(registry.IMPORTERS),
            help="read every input as this format instead of detecting it "
            f"({', '.join(sorted(registry.IMPORTERS))})",
        )

    def handle(self, *args, **options):
        paths, dry_run, as_json = options["paths"], options["dry_run"], options["json"]
        read: list[Document] = []
        failed = 0
        for path in paths:
            try:
                documents = self._import(path, format=options["format"], dry_run=dry_run)
            except (ImportFailed, DocumentError, DatabaseError) as error:
                self.stderr.write(f"dagsorden import: {_reason(path, error)}")
                failed += 1
                continue
            read.extend(documents)
            if not as_json:
                verb = "checked (dry run, nothing written)" if dry_run else "imported"
                for document in documents:
                    self.stdout.write(f"{verb} {_summary(document)}")
        if as_json:
            self.stdout.write(_json_array(read))
        if failed:
            summary = (
                f"{failed} of {_count(len(paths), 'input')} failed; nothing from them was written"
            )
            if len(paths) > 1:
                self.stderr.write(f"dagsorden import: {summary}")
            if self._called_from_command_line:
                # The lines above say it all; CommandError would add a "CommandError:" line.
                sys.exit(2)
            raise CommandError(summary, returncode=2)

    def _import(self, path: str, *, format: str | None, dry_run: bool) -> list[Document]:
        documents = registry.load(path, format=format)
        if dry_run:
            # What document_import would refuse, so a dry run promises a clean import.
            for document in documents:
                document_validate(document=document)
            return documents
        # One input may hold several documents: they go in together or not at all.
        with transaction.atomic():
            for document in documents:
                document_import(document=document)
        return documents


def _reason(path: str, error: Exception) -> str:
    """One line naming the input: ``PATH: reason``."""
    if isinstance(error, ImportFailed):
        return str(error)  # already "PATH: reason"
    if isinstance(error, DatabaseError):
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        reason = f"the database refused it ({detail})"
        # A missing table is what these mean on a database that was never migrated.
        if isinstance(error, OperationalError | ProgrammingError):
            reason += "; has `dagsorden migrate` been run?"
        return f"{path}: {reason}"
    return f"{path}: {error}"


def _summary(document: Document) -> str:
    items = document.items
    attachments = sum(len(item.attachments) for item in items)
    return (
        f"{document.body} {document.meeting.date.isoformat()}: "
        f"{_count(len(document.sections), 'section')}, {_count(len(items), 'item')}, "
        f"{_count(attachments, 'attachment')}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _json_array(documents: list[Document]) -> str:
    return json.dumps([d.to_dict() for d in documents], ensure_ascii=False, indent=2)
