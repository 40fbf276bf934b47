"""PDF import speed (goal: ≥ 50 pages a second) and a 1,000-PDF batch's memory (goal: < 500 MB).

Renders the seed agenda with our own renderer in a few variants (other dates), then:

- pages per second for reading PDFs into documents (``registry.load``), against the
  baseline of PDFium's bare text extraction of the same files in the same run;
- peak memory (max RSS) of ``dagsorden import`` on a folder of 1,000 such PDFs, run as
  its own process, against the same command importing one PDF.

Runs on a fresh SQLite database in a temporary folder, so it never touches var/.

    .venv/bin/python bench/import_pdf.py [--files 1000] [--variants 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGES_GOAL = 50.0
MEMORY_GOAL_MB = 500.0
REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--variants", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="dagsorden-bench-"))
    try:
        return measure(tmp, args.files, args.variants)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def setup(tmp: Path) -> dict[str, str]:
    env = {**os.environ, "DAGSORDEN_DATA_DIR": str(tmp / "data"), "DATABASE_URL": ""}
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dagsorden.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    return env


def measure(tmp: Path, files: int, variants: int) -> int:
    env = setup(tmp)
    from dagsorden.importers import kl_text, pdftext, registry
    from dagsorden.lib.seeds import seed_agenda
    from dagsorden.publishing.pdf import document_html, html_pdf

    seed = seed_agenda()
    if seed is None:
        print("the seed agenda (../shared/seeds) is not beside this checkout")
        return 1
    document = kl_text.parse(seed.read_bytes(), str(seed))
    pdfs = tmp / "pdfs"
    pdfs.mkdir()
    start = time.perf_counter()
    for n in range(variants):
        day = document.meeting.date + dt.timedelta(days=7 * n)
        variant = dataclasses.replace(
            document, meeting=dataclasses.replace(document.meeting, date=day)
        )
        (pdfs / f"kkr-{day.isoformat()}.pdf").write_bytes(html_pdf(document_html(variant)))
    print(f"rendered {variants} agenda PDFs in {time.perf_counter() - start:.1f} s")
    paths = sorted(pdfs.iterdir())

    pages = sum(len(pdftext.pdf_text(p.read_bytes(), str(p)).pages) for p in paths)
    rounds = 5
    extract = _rate(lambda: [_bare_extract(p) for p in paths], pages, rounds)
    imported = _rate(lambda: [_load(registry, p) for p in paths], pages, rounds)
    print(f"PDFium bare text extraction: {extract:8.0f} pages/s (baseline)")
    print(
        f"PDF import (read + parse):  {imported:8.0f} pages/s  "
        f"ratio {imported / extract:.2f} of the baseline; goal ≥ {PAGES_GOAL:.0f} pages/s: "
        f"{'met' if imported >= PAGES_GOAL else 'MISSED'}"
    )

    edoc = _edoc_item_pdfs()
    if edoc:
        edoc_pages = sum(len(pdftext.pdf_text(p.read_bytes(), str(p)).pages) for p in edoc)
        edoc_extract = _rate(lambda: [_bare_extract(p) for p in edoc], edoc_pages, rounds)
        edoc_rate = _rate(lambda: [_load(registry, p) for p in edoc], edoc_pages, rounds)
        print(
            f"eDoc item PDFs ({len(edoc)}):      {edoc_rate:8.0f} pages/s  "
            f"ratio {edoc_rate / edoc_extract:.2f} of bare extraction; goal ≥ {PAGES_GOAL:.0f}: "
            f"{'met' if edoc_rate >= PAGES_GOAL else 'MISSED'}"
        )

    batch = tmp / "batch"
    batch.mkdir()
    for n in range(files):
        shutil.copy(paths[n % len(paths)], batch / f"{n:04d}-{paths[n % len(paths)].name}")
    cli = [sys.executable, "-m", "dagsorden.cli"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True, cwd=REPO)
    one_mb, _ = _peak_rss([*cli, "import", "--no-progress", str(paths[0])], env)
    start = time.perf_counter()
    batch_mb, out = _peak_rss([*cli, "import", "--no-progress", str(batch)], env)
    elapsed = time.perf_counter() - start
    print(out.strip().splitlines()[-1] if out.strip() else "(no summary)")
    print(f"peak memory importing 1 PDF:      {one_mb:6.0f} MB (baseline)")
    print(
        f"peak memory importing {files} PDFs: {batch_mb:6.0f} MB  ratio {batch_mb / one_mb:.2f} "
        f"in {elapsed:.0f} s; goal < {MEMORY_GOAL_MB:.0f} MB: "
        f"{'met' if batch_mb < MEMORY_GOAL_MB else 'MISSED'}"
    )
    return 0


def _edoc_item_pdfs() -> list[Path]:
    """The Ballerup sample's per-item PDFs (not its attachments), if the sample is here."""
    from dagsorden.importers import edoc_pdf
    from dagsorden.lib.seeds import data_dir

    folder = data_dir() / "edoc-ballerup-sfu-2012-12-04"
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.PDF")) if edoc_pdf.detect(p.read_bytes())]


def _bare_extract(path: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path.read_bytes())
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        textpage.get_text_bounded()
        textpage.close()
        page.close()
    document.close()


def _load(registry, path: Path) -> None:
    from dagsorden.importers import pdftext

    # Each file is read as if for the first time: no text cached from the round before.
    pdftext._cached.cache_clear()
    registry.load(path)


def _rate(fn, pages: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return pages / best


def _peak_rss(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run ``command`` alone and return its peak resident memory in MB and its stdout."""
    wrapper = (
        "import resource, subprocess, sys;"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "sys.stdout.write(p.stdout);"
        "sys.stderr.write(p.stderr[-2000:]);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    run = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    *out, rss = run.stdout.rstrip("\n").split("\n")
    return int(rss) / 1024, "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
