"""Rendered PDFs kept on disk, so a published agenda is rendered once, not per download.

A PDF takes WeasyPrint a second or two; the portal asks for the same public PDF many
times. Files are named by meeting and kind plus a digest of the caller's key (which
changes whenever the content does), written to a temporary file and renamed, so a
reader never sees half a PDF and a crash leaves no broken entry. Writing a new version
removes that meeting's older ones of the same kind.

Only the public's PDFs belong here: a members' PDF holds closed content and is rendered
for each request instead of lying in a cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.conf import settings


def store_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "cache" / "pdf"


def stored_pdf(*, meeting_id: int, kind: str, key: str, render: Callable[[], bytes]) -> BinaryIO:
    """The PDF for ``key``, open for reading; rendered and stored first if missing.

    Opened here, not by the caller: a newer version written meanwhile may remove the
    file, and an open file stays readable.
    """
    folder = store_dir()
    prefix = f"{meeting_id}-{kind}-"
    path = folder / f"{prefix}{hashlib.sha256(key.encode()).hexdigest()[:24]}.pdf"
    with contextlib.suppress(FileNotFoundError):
        return path.open("rb")
    data = render()
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    handle = path.open("rb")
    # By exact name: "3-dagsorden-" is also the start of "3-dagsorden-samlet-…".
    own = re.compile(rf"{re.escape(prefix)}[0-9a-f]{{24}}\.pdf")
    for old in folder.iterdir():
        if old != path and own.fullmatch(old.name):
            old.unlink(missing_ok=True)
    return handle
