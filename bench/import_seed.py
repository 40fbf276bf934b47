"""How long importing the seed agenda takes, in process (goal: ≤ 50 ms).

Runs on a fresh SQLite database in a temporary folder, so it never touches var/.
Prints medians over repeated runs: parsing alone, a first import into a database
without the meeting (parse + write), and importing the same file again (no change).
The file read is printed as the floor everything else stands on.

    .venv/bin/python bench/import_seed.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_MS = 50.0


def median_ms(fn, runs: int, setup=None) -> float:
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="dagsorden-bench-")
    try:
        return measure(tmp, args.runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def measure(tmp: str, runs: int) -> int:
    os.environ["DAGSORDEN_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dagsorden.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command

    from dagsorden.importers.registry import load
    from dagsorden.lib.seeds import seed_agenda
    from dagsorden.meetings.models import Meeting
    from dagsorden.meetings.services import document_import

    path = seed_agenda()
    if path is None:
        print("the seed agenda (../shared/seeds) is not beside this checkout: nothing to measure")
        return 0
    call_command("migrate", verbosity=0)

    def import_once():
        for document in load(path):
            document_import(document=document)

    def forget():
        Meeting.objects.all().delete()

    read = median_ms(path.read_bytes, runs)
    parse = median_ms(lambda: load(path), runs)
    first = median_ms(import_once, runs, setup=forget)
    again = median_ms(import_once, runs)

    print(f"seed: {path.name} ({path.stat().st_size / 1024:.0f} KiB), {runs} runs, medians")
    print(f"  read file (floor)           {read:8.2f} ms")
    print(f"  parse (kl-text → document)  {parse:8.2f} ms")
    print(
        f"  import, new meeting         {first:8.2f} ms   (goal ≤ {GOAL_MS:.0f} ms: "
        f"{'met' if first <= GOAL_MS else 'NOT met'}; {first / parse:.1f}× parsing alone)"
    )
    print(f"  import again, unchanged     {again:8.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
