"""The seed agenda of KKR Hovedstaden, 15 October 2021, imports to exactly its structure."""

import datetime as dt
import re

from dagsorden.documents.format import Document

SECTIONS = [
    ("1", "Godkendelse af referat og dagsorden"),
    ("2", "Siden sidst"),
    ("3", "Regionalpolitiske sager"),
    ("4", "Udpegninger"),
    ("5", "KKR"),
    ("6", "Punkter til næste møde"),
    ("7", "Eventuelt"),
]

# number, title, case number, handlers: as printed under each title
ITEMS = [
    ("1.1", "Godkendelse af referat", "SAG-2021-04819", ("ssan",)),
    ("1.2", "Godkendelse af dagsorden", "SAG-2021-04819", ("ssan",)),
    ("2.1", "Siden sidst", "SAG-2021-04819", ("nihj",)),
    (
        "3.1",
        "Status for etablering af den forberedende grunduddannelse (FGU)",
        "SAG-2021-04819",
        ("nihj",),
    ),
    (
        "3.2",
        "Status for udarbejdelse af lokale uddannelsesstrategier",
        "SAG-2021-04819",
        ("nihj",),
    ),
    ("3.3", "De nye sundhedsklynger", "SAG-2020-06517", ("asfp", "frbe")),
    (
        "3.4",
        "Model for udvidet behandlingsansvar efter hospitalsbehandling",
        "SAG-2021-04819",
        ("ssan",),
    ),
    ("3.5", "Udkast til ny praksisplan for fysioterapi", "SAG-2021-04819", ("ssan",)),
    ("3.6", "Erhvervsfyrtårn i hovedstadsområdet om overvægt", "SAG-2021-04819", ("nihj",)),
    (
        "3.7",
        "Resultatkontrakt med Erhvervshus Hovedstaden for 2022",
        "SAG-2021-04819",
        ("nihj",),
    ),
    ("3.8", "Infrastrukturplan 2035 og hovedstadsområdet", "SAG-2021-04819", ("nihj",)),
    ("3.9", "Landstallet for flygtninge 2021 og 2022", "SAG-2021-04819", ("nihj",)),
    (
        "3.10",
        "Statslig følgegruppe for samlet plan for byomdannelse og erhverv i hovedstadsområdet",
        "SAG-2021-04819",
        ("nihj",),
    ),
    (
        "3.11",
        "Udvikling af tilbudsviften på det specialiserede socialområde med brug af ny økonomimodel",
        "SAG-2021-04819",
        ("ssan",),
    ),
    ("5.1", "Udpegningsliste til næste valgperiode", "SAG-2021-04819", ("nihj",)),
    (
        "5.2",
        "Kommende udpegning af ny bestyrelse for Erhvervshus Hovedstaden",
        "SAG-2020-06517",
        ("nihj",),
    ),
    ("5.3", "Forretningsorden for KKR 2022-2026", "SAG-2020-06517", ("snm",)),
    (
        "5.4",
        "Proces- og tidsplan for valg og konstituering af KKR 2022-2026",
        "SAG-2020-06517",
        ("snm",),
    ),
    (
        "6.1",
        "Konstituerende møde i KKR Hovedstaden den 25. januar 2022",
        "SAG-2021-04819",
        ("nihj",),
    ),
]

ATTACHMENTS = {
    "3.4": [
        (
            "Udkast til model for behandlingsansvar i 72 timer efter hospitalsbehandling samt "
            "implementering af ordningen",
            "https://www.kl.dk/media/28939/udkast-til-model-for-behandlingsansvar-version-50.pdf",
        )
    ],
    "3.5": [
        (
            "Udkast til praksisplan for fysioterapi 2022",
            "https://www.kl.dk/media/28938/hoeringsudkast-til-praksisplan-for-fysioterapi-2022.pdf",
        )
    ],
    "3.6": [("Pixi-fortælling om erhvervsfyrtårnet for Hovedstaden", None)],
    "3.7": [("Udkast til resultatkontrakt med Erhvervshus Hovedstaden for 2022", None)],
    "3.8": [
        ("Forslag til tovholderkommuner for hovedstadsprojekter i Infrastrukturplan 2035", None)
    ],
    "5.1": [("Udpegningsliste KKR Hovedstaden for valgperioden 2022-2026", None)],
}


def all_text(doc: Document) -> str:
    return "\n".join(p.text for i in doc.items for p in i.parts)


def test_it_reads_body_date_and_kind(seed):
    assert seed.body == "KKR Hovedstaden"
    assert seed.meeting.date == dt.date(2021, 10, 15)
    assert seed.meeting.document == "agenda"
    assert seed.source.format == "kl-text"


def test_it_keeps_mission_and_vision_as_preamble(seed):
    assert [p.heading for p in seed.preamble] == ["Mission", "Vision"]
    assert seed.preamble[0].text.startswith("KL bidrager til at udvikle")
    assert seed.preamble[0].text.endswith("forum for fælles initiativer og beslutninger.")
    assert "\n" not in seed.preamble[0].text  # one paragraph, not the PDF's lines


def test_it_finds_the_seven_sections(seed):
    assert [(s.number, s.title) for s in seed.sections] == SECTIONS
    empty = [s.number for s in seed.sections if not s.items]
    assert empty == ["4", "7"]


def test_it_finds_every_item_with_whole_title_case_and_handlers(seed):
    got = [(i.number, i.title, i.case_number, i.handlers) for i in seed.items]
    assert got == ITEMS


def test_parts_come_in_order(seed):
    for item in seed.items:
        assert [p.heading for p in item.parts] == ["Baggrund", "Indstilling", "Sagsfremstilling"]
        assert item.public
        assert item.decision is None


def test_no_page_furniture_survives(seed):
    text = all_text(seed)
    assert "SIDE" not in text
    assert "15-10-2021" not in text
    assert not re.search(r"\|\s*\d", text)


def test_words_broken_at_line_ends_are_joined(seed):
    text = all_text(seed)
    for word in ["implementeringen", "hospitalsbehandling", "Kommunekontaktudvalget"]:
        assert word in text
    for broken in ["implementerin-", "hospitalsbe-", "Ho-vedstaden", "hjem-meside"]:
        assert broken not in text


def test_real_hyphens_are_kept(seed):
    text = all_text(seed)
    for word in ["FGU-institutioner", "2022-2026", "SMV-målgruppen", "kommunikations- og"]:
        assert word in text


def test_link_lines_become_item_links_once_and_whole(seed):
    links = {i.number: i.links for i in seed.items if i.links}
    assert links == {
        "3.3": ("https://fm.dk/media/24844/aftale-om-sammenhaeng-og-naerhed-sundhedsklynger.pdf",),
        "3.4": (ATTACHMENTS["3.4"][0][1],),
        "3.5": (ATTACHMENTS["3.5"][0][1],),
    }
    assert "https://" not in all_text(seed).replace(ATTACHMENTS["3.4"][0][1], "")


def test_bilag_blocks_become_attachments(seed):
    got = {i.number: [(a.title, a.url) for a in i.attachments] for i in seed.items if i.attachments}
    assert got == ATTACHMENTS
    assert "./. Bilag" not in all_text(seed)


def test_paragraphs_and_lists_survive(seed):
    item = {i.number: i for i in seed.items}
    baggrund = item["2.1"].part("Baggrund").text
    assert "herunder\n- Sundhedskoordinationsudvalget\n- Praksisplanudvalget\n" in baggrund
    assert "\n\nDesuden orienterer formandskabet" in baggrund
    status = item["3.2"].part("Sagsfremstilling").text.split("\n")
    municipalities = [line.split(":")[0] for line in status[2:]]
    # 28 lines, one per municipality: Bornholm reported no status in the seed.
    assert len(municipalities) == 28 and "Bornholm" not in municipalities
    assert municipalities[0] == "Albertslund" and municipalities[-1] == "Vallensbæk"


def test_it_survives_json_round_trip(seed):
    again = Document.from_json(seed.to_json())
    assert again == seed
