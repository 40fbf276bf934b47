"""``dagsorden lint SOURCE``: check an agenda before it is sent.

SOURCE is a stored meeting (its id) or an agenda file, checked without importing it. The
exit status lets a script gate on the result: 0 no errors (warnings allowed), 1 errors,
2 the input could not be read.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, OperationalError, ProgrammingError

from dagsorden.documents.format import DocumentError
from dagsorden.importers import registry
from dagsorden.importers.base import ImportFailed
from dagsorden.meetings.lint import ERROR, Finding, document_lint, has_errors, meeting_lint
from dagsorden.meetings.selectors import meeting_get

EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


class _Exit(CommandError):
    """End with a status after the command has printed everything it has to say."""


class Command(BaseCommand):
    help = (
        "Check an agenda before it is sent: template text left in, a missing or misplaced "
        "Indstilling, untitled attachments, case numbers, duplicate numbers, empty titles. "
        "SOURCE is a meeting id or a file (write ./42 for a file named 42). "
        "Exit status 0 without errors, 1 with errors, 2 if SOURCE cannot be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="SOURCE", help="a meeting id or an agenda file")
        parser.add_argument(
            "--json",
            action="store_true",
            help="print the findings as a JSON array on stdout and nothing else",
        )
        parser.add_argument(
            "--format",
            metavar="NAME",
            choices=sorted(registry.IMPORTERS),
            help="read the file as this format instead of detecting it "
            f"({', '.join(sorted(registry.IMPORTERS))})",
        )

    def execute(self, *args, **options):
        # The one place that turns a status into an exit: from the shell, without the
        # "CommandError: …" line Django would add; under call_command, as the exception,
        # so a caller (or a test) reads ``returncode``.
        try:
            return super().execute(*args, **options)
        except _Exit as exit_:
            if self._called_from_command_line:
                sys.exit(exit_.returncode)
            raise

    def handle(self, *args, **options):
        source, fmt = options["source"], options["format"]
        try:
            findings = self._lint(source, fmt)
        except _Unreadable as error:
            self.stderr.write(f"dagsorden lint: {error}")
            raise _Exit(str(error), returncode=EXIT_UNREADABLE) from None
        if options["json"]:
            self.stdout.write(
                json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)
            )
        else:
            for finding in findings:
                self.stdout.write(_line(finding))
            self.stdout.write(_summary(findings))
        if has_errors(findings):
            raise _Exit(_summary(findings), returncode=EXIT_ERRORS)

    def _lint(self, source: str, fmt: str | None) -> list[Finding]:
        if source.isdigit():
            if fmt is not None:
                raise _Unreadable(f"{source}: --format is for files; a number is a meeting id")
            return _meeting_findings(int(source))
        try:
            documents = registry.load(source, format=fmt)
        except ImportFailed as error:
            raise _Unreadable(str(error)) from None
        except DocumentError as error:
            raise _Unreadable(f"{source}: {error}") from None
        # A file is checked as it stands, without the database: the scheme for case numbers
        # is the default for the body's name.
        return [f for document in documents for f in document_lint(document=document)]


class _Unreadable(Exception):
    """SOURCE cannot be checked; ``str()`` is the one line to print."""


def _meeting_findings(meeting_id: int) -> list[Finding]:
    try:
        meeting = meeting_get(meeting_id=meeting_id)
        if meeting is None:
            raise _Unreadable(f"no meeting with id {meeting_id}")
        return meeting_lint(meeting=meeting)
    except DatabaseError as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        reason = f"the database refused it ({detail})"
        # A missing table is what these mean on a database that was never migrated.
        if isinstance(error, OperationalError | ProgrammingError):
            reason += "; has `dagsorden migrate` been run?"
        raise _Unreadable(reason) from None


def _line(finding: Finding) -> str:
    where = " ".join(x for x in (finding.item, finding.part) if x) or "mødet"
    return f"{where}  {finding.severity}  {finding.code}  {finding.message}"


def _summary(findings: list[Finding]) -> str:
    if not findings:
        return "Ingen fund"
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    return (
        f"{len(findings)} fund: {errors} fejl, "
        f"{warnings} {'advarsel' if warnings == 1 else 'advarsler'}"
    )
