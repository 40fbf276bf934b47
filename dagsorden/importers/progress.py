"""A progress bar for batch imports, on stderr, redrawn in place on one line.

Lines written through ``write`` clear the bar first and redraw it after, so a warning
never ends up glued to the bar.
"""

from __future__ import annotations

import shutil
import time

_WIDTH = 24
_REDRAW_SECONDS = 0.1


class Progress:
    def __init__(self, stream, *, total: int, enabled: bool):
        self.stream, self.total, self.enabled = stream, total, enabled
        self.done, self.label, self._drawn_at, self._shown = 0, "", 0.0, False

    def step(self, label: str) -> None:
        """Say that the next input, ``label``, is being read."""
        self.done += 1
        self.label = label
        now = time.monotonic()
        if self.enabled and (now - self._drawn_at >= _REDRAW_SECONDS or self.done == self.total):
            self._draw()
            self._drawn_at = now

    def write(self, stream, line: str) -> None:
        self._clear()
        stream.write(line)
        if self.enabled and self.done:
            self._draw()

    def close(self) -> None:
        if self.enabled and self._shown:
            self._draw()
            self.stream.write("")  # Django's OutputWrapper ends the bar's line here

    def _draw(self) -> None:
        filled = _WIDTH * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        head = f"[{bar}] {self.done}/{self.total} "
        room = max(shutil.get_terminal_size().columns - len(head) - 1, 10)
        label = self.label if len(self.label) <= room else "…" + self.label[-(room - 1) :]
        self.stream.write(f"\r\033[K{head}{label}", ending="")
        self.stream.flush()
        self._shown = True

    def _clear(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\033[K", ending="")
