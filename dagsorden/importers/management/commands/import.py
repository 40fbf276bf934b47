"""``dagsorden import PATH...``: read agendas and minutes and store them as meetings.

PATH may be a file, a folder or a zip archive (see ``dagsorden.importers.sources``).
Each document is all or nothing: a file that cannot be read, parsed or stored leaves the
database as it was, while the other inputs are still imported. Any failure makes the
exit status 2, so a script notices even when most files went in. The files a document
names (its bilag) are stored with their attachments.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, OperationalError, ProgrammingError, transaction

from dagsorden.documents.format import Document, DocumentError, Source
from dagsorden.importers import partial, registry, sources
from dagsorden.importers.base import Importer, ImportFailed, collecting_problems
from dagsorden.importers.progress import Progress
from dagsorden.meetings.import_files import attachment_files_store, files_remove
from dagsorden.meetings.selectors import meeting_document_find
from dagsorden.meetings.services import document_import, document_validate
from dagsorden.meetings.stamps import meeting_touch


@dataclass
class _Tally:
    inputs: int = 0
    failed: int = 0
    documents: int = 0
    items: int = 0
    attachments: int = 0
    files: int = 0
    problems: int = 0
    read: list[Document] = field(default_factory=list)


@dataclass
class _Read:
    entry: sources.Input
    importer: Importer
    documents: list[Document]


class Command(BaseCommand):
    help = (
        "Import agendas and minutes from files, folders and zip archives. Each document "
        "becomes the meeting of its body on its date; importing it again updates that "
        "meeting. Exit status 2 if any input failed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="a file, a folder or a zip archive"
        )
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
        parser.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="show a progress bar (default: for a batch, when stderr is a terminal)",
        )

    def handle(self, *args, **options):
        self.dry_run, self.as_json = options["dry_run"], options["json"]
        self.tally = _Tally()
        with contextlib.ExitStack() as stack:
            entries = list(
                sources.expand(
                    options["paths"], importers=list(registry.IMPORTERS.values()), stack=stack
                )
            )
            self.tally.inputs = len(entries)
            show = options["progress"]
            if show is None:
                show = len(entries) > 1 and _is_terminal(self.stderr)
            progress = Progress(self.stderr, total=len(entries), enabled=show)
            partials: list[_Read] = []
            for entry in entries:
                progress.step(getattr(entry, "shown", None) or entry.error.path)
                if isinstance(entry, sources.Failed):
                    self._fail(str(entry.error), progress)
                    continue
                read = self._read(entry, options["format"], progress)
                if read is None:
                    continue
                if self._is_partial(read):
                    partials.append(read)
                else:
                    self._store([read], progress)
            for group in _partial_groups(partials):
                self._store(group, progress, merge=True)
            progress.close()
        self._finish()

    def _read(self, entry: sources.Input, format: str | None, progress) -> _Read | None:
        with collecting_problems() as problems:
            try:
                importer, documents = registry.read(entry.path, format=format)
            except ImportFailed as error:
                self._fail(_shown(entry, error.path, error.reason), progress)
                return None
        for problem in problems:
            self._problem(_relabel(entry, problem), progress)
        documents = [
            replace(d, source=Source(format=d.source.format, path=entry.shown)) for d in documents
        ]
        return _Read(entry=entry, importer=importer, documents=documents)

    def _is_partial(self, read: _Read) -> bool:
        test = read.importer.partial
        return test is not None and all(test(d) for d in read.documents)

    def _store(self, reads: list[_Read], progress, *, merge: bool = False) -> None:
        label = reads[0].entry.shown
        documents = [d for read in reads for d in read.documents]
        written: list[str] = []
        try:
            if merge:
                base = None if self.dry_run else _stored(documents[0])
                documents = [partial.merge(base, documents)]
                if len(reads) > 1:
                    label = f"{label} and {len(reads) - 1} more files of the same meeting"
            if self.dry_run:
                # What document_import would refuse, so a dry run promises a clean import.
                for document in documents:
                    document_validate(document=document)
            else:
                # One input may hold several documents: they go in together or not at all.
                with transaction.atomic():
                    for document in documents:
                        meeting = document_import(document=document)
                        stored = attachment_files_store(
                            meeting=meeting,
                            find=_finder([read.entry.path for read in reads]),
                            problem=lambda p: self._problem(f"{label}: {p}", progress),
                        )
                        written += stored
                        if stored:
                            meeting_touch(meeting)
        except (ImportFailed, DocumentError, DatabaseError) as error:
            files_remove(written)
            self._fail(_reason(label, error), progress)
            return
        except BaseException:
            files_remove(written)
            raise
        self.tally.files += len(written)
        if self.as_json:
            # Only --json needs them all at the end; a batch of thousands stays small without.
            self.tally.read.extend(documents)
        for document in documents:
            self.tally.documents += 1
            self.tally.items += len(document.items)
            self.tally.attachments += sum(len(item.attachments) for item in document.items)
            if not self.as_json:
                verb = "checked (dry run, nothing written)" if self.dry_run else "imported"
                progress.write(self.stdout, f"{verb} {_summary(document)}")

    def _fail(self, line: str, progress) -> None:
        self.tally.failed += 1
        progress.write(self.stderr, f"dagsorden import: {line}")

    def _problem(self, line: str, progress) -> None:
        self.tally.problems += 1
        progress.write(self.stderr, f"dagsorden import: warning: {line}")

    def _finish(self) -> None:
        t = self.tally
        if self.as_json:
            self.stdout.write(_json_array(t.read))
        elif t.inputs > 1 or t.problems:
            verb = "checked" if self.dry_run else "imported"
            stored = "" if self.dry_run else f" ({_count(t.files, 'file')} stored)"
            self.stdout.write(
                f"{verb} {_count(t.documents, 'document')}, {_count(t.items, 'item')}, "
                f"{_count(t.attachments, 'attachment')}{stored}; "
                f"{_count(t.problems, 'problem')}, {t.failed} failed"
            )
        if t.failed:
            summary = (
                f"{t.failed} of {_count(t.inputs, 'input')} failed; nothing from them was written"
            )
            if t.inputs > 1:
                self.stderr.write(f"dagsorden import: {summary}")
            if self._called_from_command_line:
                # The lines above say it all; CommandError would add a "CommandError:" line.
                sys.exit(2)
            raise CommandError(summary, returncode=2)


def _is_terminal(stream) -> bool:
    isatty = getattr(getattr(stream, "_out", stream), "isatty", None)
    return bool(isatty and isatty())


def _partial_groups(reads: list[_Read]) -> list[list[_Read]]:
    by_key: dict[tuple[str, str], list[_Read]] = {}
    for read in reads:
        by_key.setdefault(partial.meeting_key(read.documents[0]), []).append(read)
    return list(by_key.values())


def _stored(document: Document) -> Document | None:
    return meeting_document_find(body_name=document.body, date=document.meeting.date)


def _finder(paths: list[Path]):
    """Where a file a document names is: beside one of the files it was read from."""

    def find(name: str) -> Path | None:
        for source in paths:
            folder = source.parent.resolve()
            candidate = (folder / name).resolve()
            if not candidate.is_relative_to(folder):
                return None  # "../../etc/passwd" is never a bilag
            if candidate.is_file():
                return candidate
            # Archives made on Windows name "1552814.PDF" what is stored as "1552814.pdf".
            if candidate.parent.is_dir():
                lower = candidate.name.lower()
                for sibling in candidate.parent.iterdir():
                    if sibling.name.lower() == lower and sibling.is_file():
                        return sibling
        return None

    return find


def _shown(entry: sources.Input, path: str, reason: str) -> str:
    return f"{entry.shown}: {reason}" if path == str(entry.path) else f"{path}: {reason}"


def _relabel(entry: sources.Input, line: str) -> str:
    prefix = f"{entry.path}: "
    return f"{entry.shown}: {line[len(prefix) :]}" if line.startswith(prefix) else line


def _reason(label: str, error: Exception) -> str:
    """One line naming the input: ``LABEL: reason``."""
    if isinstance(error, ImportFailed):
        return f"{label}: {error.reason}"
    if isinstance(error, DatabaseError):
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        reason = f"the database refused it ({detail})"
        # A missing table is what these mean on a database that was never migrated.
        if isinstance(error, OperationalError | ProgrammingError):
            reason += "; has `dagsorden migrate` been run?"
        return f"{label}: {reason}"
    return f"{label}: {error}"


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
