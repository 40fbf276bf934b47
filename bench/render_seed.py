"""How long rendering the seed agenda as PDF takes (goal: ≤ 1.0 s, ≤ 1.15× WeasyPrint).

In process, after the imports: the first render (it also parses the stylesheet and
loads the fonts), then the median of repeated renders of the file (read, parse, redact,
HTML, PDF). WeasyPrint alone is timed on the same finished HTML with the same CSS and
options, its stylesheet and fonts prepared once as ours are; the repeats of the two
alternate, so a busy machine slows both alike. Last, the whole command as a
subprocess, start-up included. Needs no database.

    .venv/bin/python bench/render_seed.py [--runs N] [--command-runs N]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOAL_S = 1.0
GOAL_RATIO = 1.15


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--command-runs", type=int, default=3)
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dagsorden.settings")
    sys.path.insert(0, str(REPO))
    start = time.perf_counter()
    import django

    django.setup()
    import weasyprint
    from pypdf import PdfReader
    from weasyprint.text.fonts import FontConfiguration

    from dagsorden.bodies.models import Body
    from dagsorden.importers.registry import load
    from dagsorden.lib.seeds import seed_agenda
    from dagsorden.meetings.access import document_redact
    from dagsorden.publishing import pdf
    from dagsorden.publishing.fetch import FETCHER

    imports = time.perf_counter() - start

    path = seed_agenda()
    if path is None:
        print("the seed agenda (../shared/seeds) is not beside this checkout: nothing to measure")
        return 0

    def render() -> bytes:
        document = load(path)[0]
        return pdf.document_pdf(
            document, body=Body(name=document.body), closed=False, minutes=False
        )

    first, data = timed(render)
    pages = len(PdfReader(io.BytesIO(data)).pages)

    document = load(path)[0]
    html = pdf.document_html(
        document_redact(
            document=document, body=Body(name=document.body), closed=False, minutes=False
        )
    )
    fonts = FontConfiguration()
    css = weasyprint.CSS(string=pdf.CSS_PATH.read_text("utf-8"), font_config=fonts)

    def alone() -> bytes:
        return weasyprint.HTML(string=html, url_fetcher=FETCHER).write_pdf(
            stylesheets=[css], font_config=fonts, **pdf.PDF_OPTIONS
        )

    timed(alone)  # its own first run, as ours had
    ours, theirs = [], []
    for _ in range(args.runs):
        ours.append(timed(render)[0])
        theirs.append(timed(alone)[0])
    median, weasy = statistics.median(ours), statistics.median(theirs)

    commands = [command_seconds(path) for _ in range(args.command_runs)]

    print(f"seed: {path.name}, {pages} pages, {args.runs} runs, medians, {os.cpu_count()} CPUs")
    print(f"  imports (Django, WeasyPrint)      {imports:6.2f} s")
    print(f"  first render after imports        {first:6.2f} s")
    print(
        f"  render, file → PDF                {median:6.2f} s   (goal ≤ {GOAL_S:.1f} s: "
        f"{'met' if median <= GOAL_S else 'NOT met'}; min {min(ours):.2f} s)"
    )
    print(f"  WeasyPrint alone, same HTML       {weasy:6.2f} s   (min {min(theirs):.2f} s)")
    ratio = median / weasy
    print(
        f"  ratio                             {ratio:6.2f} ×   (goal ≤ {GOAL_RATIO:.2f}: "
        f"{'met' if ratio <= GOAL_RATIO else 'NOT met'})"
    )
    print(
        f"  dagsorden render SEED -o tmp.pdf  {statistics.median(commands):6.2f} s   "
        "(subprocess, start-up included)"
    )
    return 0


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def command_seconds(seed: Path) -> float:
    with tempfile.TemporaryDirectory(prefix="dagsorden-bench-") as tmp:
        command = [sys.executable, "-m", "dagsorden.cli", "render", str(seed), "-o", "tmp.pdf"]
        start = time.perf_counter()
        subprocess.run(command, cwd=tmp, check=True, capture_output=True, env=_env())
        return time.perf_counter() - start


def _env() -> dict[str, str]:
    # The subprocess runs in a temporary folder; it must still find this checkout.
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path}


if __name__ == "__main__":
    sys.exit(main())
