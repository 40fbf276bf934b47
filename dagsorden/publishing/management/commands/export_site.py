"""``dagsorden export-site OUTDIR``: the public portal as plain files; see publishing.export."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from dagsorden.publishing.export import MARKER, ExportError, site_export

PREFIX = "dagsorden export-site"


class Command(BaseCommand):
    help = (
        "Write the public portal - pages, PDFs, public attachments, CSS - as plain files with "
        "relative links, for any web server or CDN. It is crawled as an anonymous visitor, "
        "so only what the public may see is written. "
        "OUTDIR becomes a symlink to a version folder beside it (.NAME.v-TIME-...). Each "
        "export is written to a new folder there and swapped in by replacing the symlink, "
        "one atomic rename: readers never see half an export, and a failed or killed run "
        "leaves the previous one as it was (the next run removes its leftovers). Serve "
        "OUTDIR with symlinks followed. An existing OUTDIR must be empty or an earlier "
        f"export (it holds {MARKER}; a real folder is moved aside whole to "
        ".NAME.replaced-TIME and kept); anything else is refused, never deleted. A second "
        "export to the same OUTDIR while one runs is refused. Exit status 2 if nothing was "
        "exported."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", metavar="OUTDIR", help="where the export goes")

    def handle(self, *args, **options):
        verbose = options["verbosity"] >= 1

        def progress(pages: int, files: int) -> None:
            if verbose:
                self.stderr.write(f"{_count(pages, 'page')}, {_count(files, 'file')} written …")

        try:
            export = site_export(options["outdir"], progress=progress)
        except ExportError as error:
            if options["traceback"]:
                raise
            self.stderr.write(f"{PREFIX}: {error}")
            if self._called_from_command_line:
                sys.exit(2)
            raise CommandError(str(error), returncode=2) from error
        if verbose:
            self.stdout.write(
                f"exported {_count(export.pages, 'page')} and {_count(export.files, 'file')} "
                f"to {export.outdir} ({export.version.name})"
            )
        if export.replaced is not None:
            # Said even when quiet: a folder of the user's moved aside is news to them.
            self.stderr.write(
                f"{PREFIX}: the folder that was {export.outdir} is kept as {export.replaced}; "
                "delete it once nothing in it is needed"
            )
        if options["verbosity"] >= 2:
            for url in sorted(export.skipped):
                self.stdout.write(f"  not public, links left as they are: {url}")
        elif verbose and export.skipped:
            self.stdout.write(
                f"{_count(len(export.skipped), 'address')} linked but not public, "
                "so not exported (-v2 lists them)"
            )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}{'es' if noun.endswith('s') else 's'}"
