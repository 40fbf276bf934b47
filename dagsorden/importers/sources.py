"""Turning the paths a user names into the files to import.

A file is itself; a folder is every file in it, depth first in name order; a zip archive
is unpacked into a temporary folder and read as one. Inside a folder, a publication file
(eDoc's or SBSYS's XML) goes first and the files it names (its PDFs and enclosures) are
its companions, not inputs of their own.

Unpacking refuses what could harm the machine: names leading out of the folder, links,
and archives that unpack to more than ``MAX_UNPACKED_BYTES`` or ``MAX_MEMBERS`` files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from dagsorden.importers.base import Importer, ImportFailed

MAX_UNPACKED_BYTES = 4 * 1024 * 1024 * 1024
MAX_MEMBERS = 100_000
_ZIP_MAGIC = b"PK\x03\x04"
# Files that desktop systems leave in folders; never agendas.
_IGNORED = {"thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class Input:
    path: Path  # where the file is on disk now
    shown: str  # what the user calls it: "archive.zip/Publication32.xml"


@dataclass(frozen=True)
class Failed:
    error: ImportFailed


def expand(
    paths: list[str], *, importers: list[Importer], stack: contextlib.ExitStack
) -> Iterator[Input | Failed]:
    """Every file to import, in order; a path that cannot be read yields ``Failed``.

    Temporary folders live until ``stack`` closes.
    """
    for name in paths:
        path = Path(name)
        try:
            if path.is_dir():
                yield from _folder(path, name, importers=importers, stack=stack)
            elif _is_zip(path):
                folder = _unzip(path, name, stack=stack)
                yield from _folder(folder, name, importers=importers, stack=stack)
            else:
                yield Input(path=path, shown=name)
        except ImportFailed as error:
            yield Failed(error)


def _folder(
    folder: Path, shown: str, *, importers: list[Importer], stack: contextlib.ExitStack
) -> Iterator[Input | Failed]:
    try:
        files = sorted(_walk(folder))
    except OSError as exc:
        raise ImportFailed(shown, f"cannot read the folder ({exc.strerror or exc})") from None
    if not files:
        raise ImportFailed(shown, "the folder holds no files to import")
    publications, claimed = [], set()
    for file in files:
        companions = _companions(file, importers)
        if companions is not None:
            publications.append(file)
            claimed.update((file.parent / name).resolve() for name in companions)
    rest = [f for f in files if f not in publications and f.resolve() not in claimed]
    for file in publications + rest:
        label = os.path.join(shown, os.path.relpath(file, folder))
        if _is_zip(file):
            try:
                inner = _unzip(file, label, stack=stack)
                yield from _folder(inner, label, importers=importers, stack=stack)
            except ImportFailed as error:
                yield Failed(error)
        else:
            yield Input(path=file, shown=label)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder, onerror=_raise):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__MACOSX"]
        for name in names:
            if not name.startswith(".") and name.lower() not in _IGNORED:
                yield Path(root) / name


def _raise(error: OSError) -> None:
    raise error


def _companions(file: Path, importers: list[Importer]) -> list[str] | None:
    """The files a publication names, or None when ``file`` is no publication."""
    if file.suffix.lower() != ".xml":
        return None  # publications are XML; reading every PDF twice would cost time
    try:
        raw = file.read_bytes()
    except OSError:
        return None  # reported when the file itself is imported
    for importer in importers:
        if importer.companions is not None and importer.detect(raw):
            try:
                return importer.companions(raw, str(file))
            except ImportFailed:
                return []
    return None


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == _ZIP_MAGIC and path.suffix.lower() == ".zip"
    except OSError:
        return False


def _unzip(path: Path, shown: str, *, stack: contextlib.ExitStack) -> Path:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ImportFailed(shown, f"not a readable zip archive ({exc})") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ImportFailed(shown, f"the archive holds {len(members)} files; too many")
        total = sum(m.file_size for m in members)
        if total > MAX_UNPACKED_BYTES:
            raise ImportFailed(
                shown, f"the archive unpacks to {total // 2**30} GB; more than any archive"
            )
        for member in members:
            _member_check(member, shown)
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dagsorden-")))
        for member in members:
            target = folder / _member_path(member)
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with archive.open(member) as source, target.open("wb") as out:
                    # Never trust the sizes in the directory: count what really comes out.
                    shutil.copyfileobj(_Limited(source, member.file_size), out)
            except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
                raise ImportFailed(shown, f"{member.filename} cannot be unpacked ({exc})") from None
            except RuntimeError as exc:  # zipfile's error for an encrypted member
                raise ImportFailed(
                    shown, f"{member.filename} cannot be unpacked ({exc}); is it encrypted?"
                ) from None
    return folder


def _member_check(member: zipfile.ZipInfo, shown: str) -> None:
    name = member.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
        raise ImportFailed(shown, f"the archive names a file outside itself ({name!r})")
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise ImportFailed(shown, f"the archive holds a link ({name!r}); links are refused")


def _member_path(member: zipfile.ZipInfo) -> PurePosixPath:
    return PurePosixPath(*PurePosixPath(member.filename.replace("\\", "/")).parts)


class _Limited:
    """A reader that fails once more bytes come out than the archive declared."""

    def __init__(self, source, declared: int):
        self._source, self._left = source, declared

    def read(self, size: int = -1) -> bytes:
        chunk = self._source.read(size if size > 0 else 1 << 20)
        self._left -= len(chunk)
        if self._left < 0:
            raise OSError("it unpacks to more than the archive declares")
        return chunk
