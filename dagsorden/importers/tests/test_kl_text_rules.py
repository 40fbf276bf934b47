"""The KL text importer's rules on small texts written for the purpose, and its errors."""

import pytest

from dagsorden.importers import kl_text, registry
from dagsorden.importers.base import ImportFailed

AGENDA = """\
Dagsorden
KKR Syddanmark
Tid: Mandag den 7. december 2026 kl. 9.30-12
Sted: Odense Rådhus

Mission
Vi arbejder for et stærkt lokalt demokrati.

KKR Syddanmark  |  07-12-2026
 SIDE  |  2
 1. Godkendelse af dagsorden

1.1. Godkendelse af dagsorden for mødet i KKR Syd-
danmark
SAG-2026-00001 abcd/efgh

Baggrund
Dagsordenen er udsendt. Implementerin-
gen af sundhedsklyngerne og SMV-
målgruppen drøftes, og 2026-
2030 er den nye valgperiode. Sygehus-
og psykiatriområdet nævnes.
KKR Syddanmark | 07-12-2026
SIDE | 3
Denne linje kommer efter et sideskift.

Indstilling
Det indstilles, at KKR godkender dagsordenen.

Beslutning
Godkendt.

 2. Rekruttering

2.1. Rekruttering på velfærdsområdet (lukket punkt)
SAG-2026-00002 abcd

Sagsfremstilling
Se materialet her: https://www.example.org/kkr/rekrut-
tering.pdf
https://www.example.org/kkr/rekruttering.pdf
https://www.example.org/kkr/rekruttering.pdf
./. Bilag
- Notat om rekruttering
- Tidsplan kan rekvireres hos sekretariatet

3. Eventuelt
"""


@pytest.fixture
def doc():
    return kl_text.parse(AGENDA.encode(), "agenda.txt")


def test_cover_gives_meeting_facts(doc):
    assert doc.body == "KKR Syddanmark"
    assert doc.meeting.date.isoformat() == "2026-12-07"
    assert (doc.meeting.start, doc.meeting.end) == ("09:30", None)
    assert doc.meeting.location == "Odense Rådhus"
    assert [p.heading for p in doc.preamble] == ["Mission"]


def test_decision_makes_minutes(doc):
    item = doc.items[0]
    assert item.decision == "Godkendt."
    assert [p.heading for p in item.parts] == ["Baggrund", "Indstilling"]
    assert doc.meeting.document == "minutes"


def test_title_wraps_to_case_line_and_handlers_split(doc):
    item = doc.items[0]
    assert item.title == "Godkendelse af dagsorden for mødet i KKR Syddanmark"
    assert item.case_number == "SAG-2026-00001"
    assert item.handlers == ("abcd", "efgh")


def test_hyphenation_rules(doc):
    text = doc.items[0].part("Baggrund").text
    assert "Implementeringen af sundhedsklyngerne og SMV-målgruppen" in text
    assert "2026-2030" in text
    assert "Sygehus- og psykiatriområdet" in text


def test_page_furniture_does_not_split_or_leak(doc):
    text = doc.items[0].part("Baggrund").text
    assert "SIDE" not in text and "|" not in text
    assert text.endswith("nævnes.\nDenne linje kommer efter et sideskift.")
    assert "\n\n" not in text  # a page break is no paragraph break


def test_closed_item_and_mended_url(doc):
    item = doc.items[1]
    assert item.public is False
    assert item.title == "Rekruttering på velfærdsområdet"
    assert item.links == ("https://www.example.org/kkr/rekruttering.pdf",)
    assert "https://www.example.org/kkr/rekruttering.pdf" in item.part("Sagsfremstilling").text
    assert [a.title for a in item.attachments] == ["Notat om rekruttering", "Tidsplan"]


def test_sections_need_no_items(doc):
    assert [(s.number, s.title, len(s.items)) for s in doc.sections] == [
        ("1", "Godkendelse af dagsorden", 1),
        ("2", "Rekruttering", 1),
        ("3", "Eventuelt", 0),
    ]


def test_numbered_lines_in_text_are_not_sections():
    text = AGENDA.replace("Godkendt.", "Godkendt.\n2. behandling sker i januar.")
    doc = kl_text.parse(text.encode(), "x.txt")
    assert doc.items[0].decision == "Godkendt.\n2. behandling sker i januar."
    assert [s.number for s in doc.sections] == ["1", "2", "3"]


def test_detect_knows_its_own():
    assert kl_text.detect(AGENDA.encode())
    assert not kl_text.detect(b"Kaere Hanne, tak for sidst.")
    assert not kl_text.detect(b"\xff\xfe\x00binary")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n  ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("Kære alle,\nhusk mødet på fredag.\n".encode(), "no running header"),
        (b"KKR Hovedstaden | 15-10-2021\nIntet her.\n", "no numbered agenda sections"),
        (b"KKR Hovedstaden | 31-02-2021\n1. A\n", "31-02-2021 is no real date"),
        ("Dagsorden æøå".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_gives_one_clear_line(tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as failure:
        registry.load(path)
    assert message in str(failure.value)
    assert str(failure.value).startswith(str(path))
    assert "\n" not in str(failure.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ImportFailed, match="no such file"):
        registry.load(tmp_path / "absent.txt")
    with pytest.raises(ImportFailed, match="is a directory"):
        registry.load(tmp_path)


def test_unknown_format_is_named(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(AGENDA)
    with pytest.raises(ImportFailed, match="unknown format 'edoc'"):
        registry.load(path, format="edoc")
