"""What every importer shares: reading a source safely, detection, and the one error type.

An importer is a module with ``FORMAT`` (its name in ``source.format``), ``detect(raw)``
(does this input look like mine?) and ``parse(raw, path) -> Document``. Importers never
touch the database: ``dagsorden.meetings.services.document_import`` is the one writer.

Files an importer reads beside its source (attachments, per-item PDFs) are named relative
to the source's folder; ``AttachmentRef.file`` carries that name and the import command
stores the file with the attachment. ``companions(raw, path)`` lists every such name, so a
folder import does not import those files once more on their own. A problem that does not
stop the import (a referenced file that is missing) is told with ``report``.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dagsorden.documents.format import Document

# An agenda is a few megabytes, a whole meeting PDF with scans some tens; far beyond is not one.
MAX_TEXT_BYTES = 100 * 1024 * 1024


class ImportFailed(Exception):
    """The input cannot be imported. ``str()`` is one line for the user, naming the file."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class Importer:
    format: str
    detect: Callable[[bytes], bool]
    parse: Callable[[bytes, str], Document]
    # Names of the files beside the source that its document uses (see the module doc).
    companions: Callable[[bytes, str], list[str]] | None = None
    # A partial document holds some items of a meeting (eDoc's per-item PDFs): the import
    # merges it into the meeting's other items instead of replacing them.
    partial: Callable[[Document], bool] | None = None


_problems: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "import_problems", default=None
)


def report(path: str | Path, problem: str) -> None:
    """Tell the user of a problem that does not stop this import ("PATH: problem")."""
    collected = _problems.get()
    if collected is not None:
        collected.append(f"{path}: {problem}")


@contextlib.contextmanager
def collecting_problems() -> Iterator[list[str]]:
    """Collect what ``report`` is told while the block runs."""
    found: list[str] = []
    token = _problems.set(found)
    try:
        yield found
    finally:
        _problems.reset(token)


def read_source(path: str | Path) -> bytes:
    p = Path(path)
    try:
        if p.is_dir():
            raise ImportFailed(p, "is a directory, not a file")
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise ImportFailed(p, f"file is {size // (1024 * 1024)} MB, larger than any agenda")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(p, "no such file") from None
    except PermissionError:
        raise ImportFailed(p, "permission denied: cannot read the file") from None
    except IsADirectoryError:
        raise ImportFailed(p, "is a directory, not a file") from None
    except OSError as exc:
        raise ImportFailed(p, f"cannot read the file ({exc.strerror or exc})") from None
    if not raw.strip():
        raise ImportFailed(p, "the file is empty")
    return raw


def decode_text(raw: bytes, path: str | Path) -> str:
    """Decode a text source, rejecting binary files with a message rather than mojibake."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Windows' "Unicode" text: UTF-16 with its byte-order mark.
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailed(path, "damaged UTF-16 text; save it as UTF-8") from None
    if b"\x00" in raw[:8192]:
        raise ImportFailed(path, "this is a binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            path, f"not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8"
        ) from None
    return text
