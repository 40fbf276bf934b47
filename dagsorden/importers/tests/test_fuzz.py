"""Bad input for every importer: a clear one-line error, nothing written, no traceback.

The importers are taken from the registry, so a new format is fuzzed the day it is
registered. Hypothesis feeds random bytes and damaged copies of real sources; the
corpus below holds the classic broken files.
"""

from __future__ import annotations

import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from dagsorden.documents.format import Document, DocumentError
from dagsorden.importers import registry
from dagsorden.importers.base import ImportFailed
from dagsorden.lib.seeds import data_dir, seed_agenda
from dagsorden.meetings.models import AgendaItem, Meeting
from dagsorden.meetings.services import document_validate

IMPORTERS = sorted(registry.IMPORTERS.values(), key=lambda imp: imp.format)
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _seed_text() -> bytes:
    path = seed_agenda()
    # Without the seed: a stand-in with Danish letters, so its Latin-1 copy is no UTF-8.
    return path.read_bytes() if path else "KKR Hovedstaden | 15-10-2021\n1. Mødet på Ærø\n".encode()


def _edoc_xml() -> bytes:
    path = data_dir() / "edoc-ballerup-sfu-2012-12-04" / "eDocAgendaPublishing.xml"
    return path.read_bytes() if path.is_file() else b"<?xml version='1.0'?><Meeting/>"


def _item_pdf() -> bytes:
    path = data_dir() / "edoc-ballerup-sfu-2012-12-04" / "1552816.PDF"
    if path.is_file():
        return path.read_bytes()
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


SAMPLES = {"text": _seed_text(), "edoc-xml": _edoc_xml(), "pdf": _item_pdf()}


def outcome(importer, raw: bytes, path: str) -> Document | None:
    """Parse; an ImportFailed is the one allowed failure and must be one line naming the file."""
    try:
        if not importer.detect(raw):
            pass  # --format skips detection, so parse must cope with anything anyway
        document = importer.parse(raw, path)
    except ImportFailed as error:
        line = str(error)
        assert line.startswith(f"{path}: ") and "\n" not in line and error.reason.strip()
        return None
    try:
        document_validate(document=document)
    except DocumentError as error:
        assert "\n" not in str(error)
    return document


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda imp: imp.format)
@FUZZ
@given(raw=st.binary(max_size=4096))
def test_random_bytes(importer, raw):
    outcome(importer, raw, "fuzz.bin")


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda imp: imp.format)
@pytest.mark.parametrize("sample", sorted(SAMPLES))
@FUZZ
@given(data=st.data())
def test_damaged_copies_of_real_sources(importer, sample, data):
    raw = SAMPLES[sample]
    cut = data.draw(st.integers(0, len(raw)), label="cut")
    damage = data.draw(st.sampled_from(["truncate", "flip", "splice", "drop"]), label="damage")
    if damage == "truncate":
        raw = raw[:cut]
    elif damage == "flip":
        raw = raw[:cut] + bytes([(raw[cut : cut + 1] or b"\0")[0] ^ 0xFF]) + raw[cut + 1 :]
    elif damage == "splice":
        raw = raw[:cut] + data.draw(st.binary(max_size=64), label="junk") + raw[cut:]
    else:
        raw = raw[: cut // 2] + raw[cut:]
    outcome(importer, raw, "damaged")


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_item_pdf())))
    writer.encrypt(user_password="hemmelig", owner_password="ejer")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Meeting><Committee>&lol3;</Committee><MeetingAgendaTypes/></Meeting>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Meeting><Committee>&x;</Committee><MeetingAgendaTypes/></Meeting>
"""

CORPUS = {
    "random.bin": bytes(range(256)) * 64,
    "empty.pdf": b"",
    "blank.txt": b"   \n\n\t\n",
    "truncated.pdf": _item_pdf()[: len(_item_pdf()) // 3],
    "header-only.pdf": b"%PDF-1.7\n",
    "encrypted.pdf": _encrypted_pdf(),
    "billion-laughs.xml": BILLION_LAUGHS,
    "external-entity.xml": EXTERNAL_ENTITY,
    "truncated.xml": _edoc_xml()[:5000],
    "latin1.txt": _seed_text().decode("utf-8").encode("latin-1", "replace"),
    "not-a.zip": b"PK\x03\x04" + bytes(100),
}


@pytest.mark.parametrize("importer", IMPORTERS, ids=lambda imp: imp.format)
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_corpus_of_broken_files(importer, name):
    outcome(importer, CORPUS[name], name)


def test_utf16_text_with_a_byte_order_mark_reads_like_utf8():
    utf16 = _seed_text().decode("utf-8").encode("utf-16")

    assert registry.IMPORTERS["kl-text"].parse(utf16, "x.txt").items == (
        registry.IMPORTERS["kl-text"].parse(_seed_text(), "x.txt").items
    )


@pytest.mark.django_db
def test_a_batch_of_broken_files_is_one_line_each_and_changes_nothing(tmp_path, capfd):
    folder = tmp_path / "broken"
    folder.mkdir()
    for name, raw in CORPUS.items():
        (folder / name).write_bytes(raw)
    with (folder / "huge.pdf").open("wb") as huge:
        huge.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    seed = seed_agenda()
    if seed:
        call_command("import", str(seed), stdout=StringIO(), stderr=StringIO())
    before = (Meeting.objects.count(), AgendaItem.objects.count())

    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import", str(folder), stdout=StringIO(), stderr=err)

    lines = err.getvalue().splitlines()
    failed = [line for line in lines if not line.startswith("dagsorden import: warning:")]
    # One line per file, naming it, then the batch line.
    assert len(failed) == len(CORPUS) + 2, lines
    names = {line.split(": ", 2)[1].rsplit("/", 1)[-1] for line in failed[:-1]}
    assert names == set(CORPUS) | {"huge.pdf"}
    assert "huge.pdf: file is 200 MB" in err.getvalue()
    assert "encrypted.pdf: the PDF is encrypted with a password" in err.getvalue()
    assert raised.value.returncode == 2
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == before
    assert "Traceback" not in err.getvalue() + capfd.readouterr().err
