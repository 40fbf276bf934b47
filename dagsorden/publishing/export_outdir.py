"""Where an export goes, and how it replaces the previous one whole.

Layout and swap: OUTDIR is a symlink to a sibling directory ``.NAME.v-STAMP``. A run
writes into ``.NAME.partial-XXXX``, renames it to a new version and then swaps the
symlink with ``os.replace``, which is atomic on POSIX: a reader or web server sees the
old export or the new one, never half of one, and a crash or kill leaves the old one as
it was. Versions other than the current one and partial folders are removed after the
swap and at the start of the next run, under a lock so two runs never meet.

OUTDIR may not yet exist, be empty, or be an earlier export (a symlink to a version, or a
real folder holding the marker file, as when an export was copied into place, which is
moved aside whole to ``.NAME.replaced-STAMP`` and kept); anything else is refused, never
deleted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# In every export; a real directory without it is someone else's and is never replaced.
MARKER = ".dagsorden-export"


class ExportError(Exception):
    """A reason the export was not written, in one line; the previous export is intact."""


@dataclass
class Outdir:
    path: Path

    @property
    def parent(self) -> Path:
        return self.path.parent

    @property
    def prefix(self) -> str:
        return f".{self.path.name}."

    def check(self) -> None:
        out, parent = self.path, self.parent
        if not out.name:
            raise ExportError(f"{out}: give a directory below /, not / itself")
        if not parent.is_dir():
            raise ExportError(f"{parent}: no such directory to put {out.name} in")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise ExportError(f"{parent}: not writable, so {out.name} cannot be swapped in there")
        if out.is_symlink():
            if self._version_of(out) is None:
                raise ExportError(
                    f"{out}: a symlink to {os.readlink(out)}, not to an earlier export; "
                    "remove it or choose another OUTDIR"
                )
        elif out.is_dir():
            if any(out.iterdir()) and not (out / MARKER).is_file():
                raise ExportError(
                    f"{out}: a directory with files that are not an export (no {MARKER}); "
                    "remove it or choose another OUTDIR"
                )
        elif out.exists():
            raise ExportError(f"{out}: not a directory")

    @contextlib.contextmanager
    def locked(self):
        try:
            handle = open(self.parent / f"{self.prefix}lock", "w")  # noqa: SIM115
        except OSError as exc:
            raise ExportError(os_reason(exc)) from exc
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ExportError(f"{self.path}: another export to it is running") from None
            yield

    def partial(self) -> Path:
        """A new, empty folder beside OUTDIR to write the next export into."""
        return Path(tempfile.mkdtemp(prefix=f"{self.prefix}partial-", dir=self.parent))

    def finish(self, partial: Path) -> Path:
        """The written folder as a version, ready to be swapped in."""
        # mkdtemp makes it private; the web server must read it like any other folder.
        partial.chmod(0o777 & ~_umask())
        # On disk before it is swapped in: after a power cut the symlink must not point
        # at files the kernel had yet to write (the old version is gone by then).
        os.sync()
        version = self.parent / f"{self.prefix}v-{stamp()}-{partial.name[-8:]}"
        os.rename(partial, version)
        return version

    def swap(self, version: Path) -> Path | None:
        """Point OUTDIR at ``version``; returns where a real folder that was OUTDIR is kept."""
        out = self.path
        kept = None
        if out.is_dir() and not out.is_symlink():
            # A real directory cannot be replaced atomically: the one moment without OUTDIR
            # happens once, when an empty or copied export becomes a symlink. A copied
            # export may have gained files of someone's own since: kept, never deleted.
            if any(out.iterdir()):
                kept = self.parent / f"{self.prefix}replaced-{stamp()}"
                os.rename(out, kept)
            else:
                out.rmdir()
        link = self.parent / f"{self.prefix}link-{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        # Relative, so the export folder can be moved or mounted elsewhere as a whole.
        os.symlink(version.name, link)
        os.replace(link, out)
        directory = os.open(self.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
        return kept

    def clean(self) -> None:
        """Remove what earlier runs left: partial folders and versions not in use."""
        current = self._version_of(self.path) if self.path.is_symlink() else None
        for path in self.parent.glob(f"{glob_escape(self.prefix)}*"):
            kind = path.name[len(self.prefix) :]
            stale = kind.startswith(("partial-", "v-")) and path.name != current
            if stale and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            elif kind.startswith("link-") and path.is_symlink():
                path.unlink()

    def _version_of(self, link: Path) -> str | None:
        name = os.readlink(link)
        return name if "/" not in name and name.startswith(f"{self.prefix}v-") else None


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")


def os_reason(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else "export"
    return f"{where}: {exc.strerror or exc}"
