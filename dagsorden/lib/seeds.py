"""Where the shared seed documents live, for the demo, tests and benchmarks.

The seeds sit beside the repository (``../shared/seeds``), not in it; set
``DAGSORDEN_SEEDS`` to use another folder.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_AGENDA = "kkr-hovedstaden-2021-10-15-dagsorden.txt"


def seeds_dir() -> Path:
    return Path(os.environ.get("DAGSORDEN_SEEDS", REPO.parent / "shared" / "seeds"))


def seed_agenda() -> Path | None:
    path = seeds_dir() / SEED_AGENDA
    return path if path.is_file() else None


def data_dir() -> Path:
    """Real publications from other systems (eDoc, SBSYS), beside the repository."""
    return Path(os.environ.get("DAGSORDEN_DATA", REPO.parent / "shared" / "data"))
