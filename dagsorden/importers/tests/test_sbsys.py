"""SBSYS eDagsorden publications: the Ballerup sample imports exactly, bad input fails in a line."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from dagsorden.documents.format import AttachmentRef
from dagsorden.importers import sbsys
from dagsorden.importers.base import ImportFailed, collecting_problems
from dagsorden.lib.seeds import REPO

SAMPLE_ZIP = REPO.parent / "shared" / "data" / "sbsys-ballerup-2013" / "Publication32.zip"
TITLES = [
    "Meddelelser",
    "Oplæg til standard it-arbejdsplads for Kommunalbestyrelsens medlemmer i 2014-2018",
    "Indførelse af systemet SAPA (Sagsoverblik/Partskontakt)",
    "Regler for indkøb af it-udstyr",
    "Status på eDagsorden",
]
ENCLOSURE = "Brev fra KL til Kommunalbestyrelsen vedr Monopolbrud"
TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
ENTITY = re.compile(r"&(?:[a-z]+|#\d+);")


@pytest.fixture(scope="module")
def sample_xml(tmp_path_factory) -> Path:
    if not SAMPLE_ZIP.is_file():
        pytest.skip("the SBSYS sample (../shared/data) is not beside this checkout")
    folder = tmp_path_factory.mktemp("sbsys")
    with zipfile.ZipFile(SAMPLE_ZIP) as archive:
        archive.extractall(folder)
    return next(folder.rglob("Publication32.xml"))


@pytest.fixture(scope="module")
def sample(sample_xml):
    with collecting_problems() as problems:
        doc = sbsys.parse(sample_xml.read_bytes(), str(sample_xml))
    assert problems == []
    return doc


def xml_items(path: Path) -> list[ET.Element]:
    return ET.parse(path).getroot().findall("Agendas/Agenda/Items/Item")


# -- the sample -----------------------------------------------------------------------------


def test_sample_is_detected(sample_xml):
    assert sbsys.detect(sample_xml.read_bytes())


def test_sample_meeting(sample):
    assert sample.source.format == "sbsys"
    assert sample.body == "KMB IT-udvalget"
    assert sample.meeting.date == dt.date(2013, 5, 15)
    assert sample.meeting.start == "16:30"
    assert sample.meeting.end == "18:00"
    assert sample.meeting.location == "Mødecenter A, Lokale 3 på Ballerup Rådhus"
    # PublicationTypeAsEnum is "Final": the agenda as sent, not minutes.
    assert sample.meeting.document == "agenda"
    assert [(s.number, s.title) for s in sample.sections] == [("1", "Dagsorden")]


def test_sample_items(sample):
    assert [(i.number, i.title) for i in sample.items] == [
        (str(n), t) for n, t in enumerate(TITLES, 1)
    ]
    assert all(i.public for i in sample.items)
    # The sample's cases have no number (Case ID 0) and no decisions yet.
    assert all(i.case_number is None and i.decision is None for i in sample.items)


def test_sample_parts_are_the_filled_fields_under_their_captions(sample, sample_xml):
    for item, element in zip(sample.items, xml_items(sample_xml), strict=True):
        fields = element.findall("Fields/ItemField")
        expected = [
            f.findtext("Caption")
            for f in fields
            if (f.findtext("Content") or "").strip() and f.findtext("Caption") != "Beslutning"
        ]
        assert [p.heading for p in item.parts] == expected
    assert [p.heading for p in sample.items[1].parts] == [
        "Tidligere behandling",
        "Sammendrag",
        "Baggrund",
        "Sagsfremstilling",
        "Økonomiske konsekvenser og finansiering",
        "Beslutningen træffes af",
        "Indstilling",
    ]
    assert sample.items[0].parts == ()  # "Meddelelser" has only empty fields


def test_sample_texts_are_text_form(sample):
    item = sample.items[1]
    assert item.part("Økonomiske konsekvenser og finansiering").text == (
        "Opgøres ikke i nuværende sag."
    )
    assert item.part("Tidligere behandling").text == (
        "KMB IT-udvalget den 5. december 2012 Punkt 3"
    )
    indstilling = item.part("Indstilling").text
    assert indstilling.startswith("Center for IT og Digitalisering indstiller, at\n\n1) ")
    assert "\n2) Pilottesten gennemføres fra september til november 2013." in indstilling
    assert "\n\nEfter indførelsen af eDagsorden på iPad" in item.part("Baggrund").text
    for part in (p for i in sample.items for p in i.parts):
        assert not TAG.search(part.text), part
        assert not ENTITY.search(part.text), part
        assert "\xa0" not in part.text and part.text == part.text.strip()


def test_sample_enclosure(sample):
    assert [i.attachments for i in sample.items] == [
        (),
        (),
        (AttachmentRef(title=ENCLOSURE, public=True, file="Enclosures/1.pdf"),),
        (),
        (),
    ]


def test_companions_list_the_enclosure_files(sample_xml):
    assert sbsys.companions(sample_xml.read_bytes(), str(sample_xml)) == ["Enclosures/1.pdf"]


def test_missing_enclosure_is_reported_and_the_import_goes_on(sample_xml, tmp_path):
    shutil.copy(sample_xml, tmp_path / sample_xml.name)
    copy = tmp_path / sample_xml.name
    with collecting_problems() as problems:
        doc = sbsys.parse(copy.read_bytes(), str(copy))
    assert len(doc.items) == 5
    assert doc.items[2].attachments == (AttachmentRef(title=ENCLOSURE, public=True),)
    assert len(problems) == 1
    assert problems[0].startswith(f"{copy}: item 3: ")
    assert "Enclosures/1.pdf" in problems[0]


@pytest.mark.django_db
def test_sample_is_stored(sample):
    from dagsorden.meetings.selectors import meeting_document
    from dagsorden.meetings.services import document_import

    meeting = document_import(document=sample)
    assert meeting.body.name == "KMB IT-udvalget"
    assert meeting.date == dt.date(2013, 5, 15)
    stored = meeting_document(meeting=meeting)
    assert len(stored.items) == 5
    assert [i.title for i in stored.items] == TITLES
    assert stored.items[2].attachments[0].title == ENCLOSURE


# -- what the sample does not show ------------------------------------------------------------

PUBLICATION = """\
<?xml version="1.0" encoding="utf-8"?>
<Publication>
  <PublicationTypeAsEnum>{kind}</PublicationTypeAsEnum>
  <Agendas><Agenda ID="1">
    <Meeting ID="2"><When>03-02-2014 09:00:00</When><Where>Rådhuset</Where></Meeting>
    <Name>Økonomiudvalget</Name>
    <Committee ID="3"><Name>Økonomiudvalget</Name></Committee>
    <Items>{items}</Items>
  </Agenda></Agendas>
</Publication>
"""
ITEM = """\
<Item ID="9">
  <Caption>{title}</Caption>
  <Case ID="4"><Number>{case}</Number></Case>
  <Enclosures>{enclosures}</Enclosures>
  <IsPublic>{public}</IsPublic>
  <Number>{number}</Number>
  <Fields>{fields}</Fields>
</Item>
"""
FIELD = """\
<ItemField ID="5"><Caption>{caption}</Caption><FieldTypeAsEnum>Html</FieldTypeAsEnum>
<Index>{index}</Index><Content>{content}</Content></ItemField>
"""
ENCLOSURE_XML = """\
<Enclosure ID="7"><FileName>{name}.pdf</FileName><Name>{name}</Name>{flag}
<InstantiationFilePathRelative>{file}</InstantiationFilePathRelative></Enclosure>
"""


def escape(html: str) -> str:
    return html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def publication(items: list[str], kind: str = "Final") -> bytes:
    return PUBLICATION.format(kind=kind, items="".join(items)).encode()


def item(number="1", title="Lukket sag", case="", public="True", fields=(), enclosures=()):
    return ITEM.format(
        number=number,
        title=title,
        case=case,
        public=public,
        fields="".join(
            FIELD.format(caption=c, index=n, content=escape(h)) for n, (c, h) in enumerate(fields)
        ),
        enclosures="".join(enclosures),
    )


def enclosure(name: str, file: str, flag: str = "") -> str:
    return ENCLOSURE_XML.format(name=name, file=file, flag=flag)


def test_minutes_decision_closed_item_and_case(tmp_path):
    (tmp_path / "Enclosures").mkdir()
    (tmp_path / "Enclosures" / "1.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "Enclosures" / "2.pdf").write_bytes(b"%PDF-1.4\n")
    raw = publication(
        [
            item(
                number="7",
                case="27.00.00-G01-1-14",
                public="False",
                fields=[
                    ("Indstilling", "<p>Direktionen indstiller, at</p><ul><li>a</li></ul>"),
                    ("Beslutning", "<p><b>Godkendt.</b></p>"),
                ],
                enclosures=[
                    enclosure("Tilbud", "Enclosures\\1.pdf"),
                    enclosure("Notat", "Enclosures\\2.pdf", "<IsPublic>True</IsPublic>"),
                ],
            ),
            item(
                number="8",
                title="Åben sag",
                enclosures=[
                    enclosure("Bilag 1", "Enclosures\\2.pdf", "<IsPublic>False</IsPublic>")
                ],
            ),
        ],
        kind="Minutes",
    )
    path = tmp_path / "Publication1.xml"
    doc = sbsys.parse(raw, str(path))
    assert doc.meeting.document == "minutes"
    assert (doc.meeting.start, doc.meeting.end) == ("09:00", None)
    closed, open_ = doc.items
    assert (closed.number, closed.public, closed.case_number) == ("7", False, "27.00.00-G01-1-14")
    assert [(p.heading, p.text) for p in closed.parts] == [
        ("Indstilling", "Direktionen indstiller, at\n\n- a")
    ]
    assert closed.decision == "**Godkendt.**"
    # A closed item's enclosures are closed whatever their own flag says.
    assert [(a.title, a.public, a.file) for a in closed.attachments] == [
        ("Tilbud", False, "Enclosures/1.pdf"),
        ("Notat", False, "Enclosures/2.pdf"),
    ]
    assert open_.public is True
    assert [(a.title, a.public) for a in open_.attachments] == [("Bilag 1", False)]
    assert sbsys.companions(raw, str(path)) == ["Enclosures/1.pdf", "Enclosures/2.pdf"]


def test_draft_and_unreadable_end_are_reported(tmp_path):
    raw = publication([item()], kind="Draft").replace(
        b"<Where>", b"<Until>efter behov</Until><Where>"
    )
    path = str(tmp_path / "p.xml")
    with collecting_problems() as problems:
        doc = sbsys.parse(raw, path)
    assert (doc.meeting.document, doc.meeting.start, doc.meeting.end) == ("agenda", "09:00", None)
    assert len(problems) == 2
    assert problems[0].startswith(f"{path}: the meeting's end 'efter behov' is not a time")
    assert problems[1].startswith(f"{path}: a draft publication")


def test_scripts_and_markup_are_dropped(tmp_path):
    html = (
        '<p onclick="steal()">Før<script>alert(1)</script> efter '
        '<a href="javascript:alert(1)">link</a></p><style>p{}</style><iframe src="x"></iframe>'
        # Escaped in the HTML: text that reads as a script once converted.
        "<p>&lt;script&gt;alert(2)&lt;/script&gt;Rest</p><ul><li>a</li><li>b</li></ul>"
    )
    raw = publication([item(fields=[("Sagsfremstilling", html)])])
    with collecting_problems() as problems:
        doc = sbsys.parse(raw, str(tmp_path / "p.xml"))
    (part,) = doc.items[0].parts
    assert part.heading == "Sagsfremstilling"
    assert "alert" not in part.text and "steal" not in part.text and "javascript" not in part.text
    assert not TAG.search(part.text)
    assert part.text == "Før efter link\n\nRest\n\n- a\n- b"
    assert problems == []


def test_unsafe_enclosure_path_is_reported_not_used(tmp_path):
    raw = publication([item(enclosures=[enclosure("Passwd", "..\\..\\etc\\passwd")])])
    path = str(tmp_path / "p.xml")
    with collecting_problems() as problems:
        doc = sbsys.parse(raw, path)
    assert doc.items[0].attachments == (AttachmentRef(title="Passwd", public=True),)
    assert len(problems) == 1 and "not a file beside it" in problems[0]
    assert sbsys.companions(raw, path) == []


# -- refusing what is not one ----------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Publication [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Publication><PublicationTypeAsEnum>&lol3;</PublicationTypeAsEnum></Publication>
"""

EDOC = b"""<?xml version="1.0" encoding="utf-8"?>
<Meeting><Committee>Social- og Forebyggelsesudvalget</Committee>
<MeetingDate>04-12-2012 15:00</MeetingDate><MeetingAgendaTypes/></Meeting>
"""


def one_line_failure(raw: bytes, path: str = "x/Publication1.xml") -> str:
    with pytest.raises(ImportFailed) as raised:
        sbsys.parse(raw, path)
    message = str(raised.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return raised.value.reason


def test_billion_laughs_is_refused():
    assert "entities" in one_line_failure(BILLION_LAUGHS)


def test_truncated_xml_fails(sample_xml):
    raw = sample_xml.read_bytes()
    assert "cut short" in one_line_failure(raw[: len(raw) // 2])


def test_wrong_encoding_fails():
    raw = publication([item(title="Ændring af regulativ")]).decode().encode("latin-1")
    assert "not utf-8 text" in one_line_failure(raw)


def test_not_xml_fails():
    assert "not XML" in one_line_failure(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert "<Meeting>" in one_line_failure(EDOC)


def test_no_meeting_time_fails():
    raw = publication([item()]).replace(b"<When>03-02-2014 09:00:00</When>", b"")
    assert "Meeting/When" in one_line_failure(raw)


def test_detect_only_sbsys_publications():
    assert sbsys.detect(publication([item()]))
    assert not sbsys.detect(EDOC)
    assert not sbsys.detect(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert not sbsys.detect(b"<?xml version='1.0'?><Publication><Title>Bog</Title></Publication>")
    assert not sbsys.detect(b"Dagsorden\nKKR Hovedstaden\n")
