"""The eDoc publishing XML importer: the real Ballerup minutes, small XML files, and errors."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest

from dagsorden.importers import edoc_xml
from dagsorden.importers.base import ImportFailed, collecting_problems
from dagsorden.lib.seeds import REPO

SAMPLE = "edoc-ballerup-sfu-2012-12-04"
XML = "eDocAgendaPublishing.xml"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    # The sample sits beside the seeds, outside the repository (see dagsorden.lib.seeds).
    data = Path(os.environ.get("DAGSORDEN_DATA", REPO.parent / "shared" / "data"))
    folder = data / SAMPLE
    if not (folder / XML).is_file():
        pytest.skip(f"the eDoc sample ({data / SAMPLE}) is not beside this checkout")
    return folder


@pytest.fixture(scope="session")
def sample_raw(sample_dir) -> bytes:
    return (sample_dir / XML).read_bytes()


@pytest.fixture(scope="session")
def parsed(sample_dir, sample_raw):
    with collecting_problems() as problems:
        document = edoc_xml.parse(sample_raw, str(sample_dir / XML))
    return document, problems


@pytest.fixture(scope="session")
def sample(parsed):
    return parsed[0]


def items_by_number(document):
    return {item.number: item for item in document.items}


def independent_titles(raw: bytes) -> dict[str, str]:
    """Item number -> title, read from the XML with a regular expression, not the importer."""
    found = re.findall(
        r"<MeetingAgendaItem>\s*<AgendaItemNumber>(\d+)</AgendaItemNumber>.*?<Title>(.*?)</Title>",
        raw.decode("utf-8"),
        re.DOTALL,
    )
    return {number: html.unescape(title) for number, title in found}


# -- the real sample -------------------------------------------------------------------------


def test_sample_is_one_minutes_document_of_the_committee(sample):
    assert sample.source.format == "edoc-xml"
    assert sample.body == "Sundheds- og Forebyggelsesudvalget"
    assert sample.meeting.date.isoformat() == "2012-12-04"
    assert sample.meeting.start == "13:00"
    assert sample.meeting.document == "minutes"
    assert sample.meeting.location == "Mødecenter C, Lokale 32 på Ballerup Rådhus"
    assert [(s.number, s.title) for s in sample.sections] == [("1", "Åben dagsorden")]
    assert [i.number for i in sample.items] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert all(i.public for i in sample.items)


def test_sample_titles_are_the_xml_titles(sample, sample_raw):
    expected = independent_titles(sample_raw)
    assert len(expected) == 8
    assert {i.number: i.title for i in sample.items} == expected
    items = items_by_number(sample)
    assert items["2"].title == "Bygningsvedligeholdelse 2013 - anlægsbevilling"
    assert items["5"].title == "KL's opfølgningsproces vedrørende det nære sundhedsvæsen"
    assert items["8"].title == "Evaluering af rygestopkurser"


def test_sample_case_numbers(sample):
    assert {i.number: i.case_number for i in sample.items} == {
        "1": "2011-29298",
        "2": "2012-28504",
        "3": "2012-31114",
        "4": "2012-31673",
        "5": "2011-29939",
        "6": "2012-21786",
        "7": "2012-28505",
        "8": "2010-3082",
    }


def test_sample_decisions(sample):
    items = items_by_number(sample)
    assert items["8"].decision == "Taget til efterretning"
    assert items["1"].decision == "Taget til efterretning"
    assert items["2"].decision == "Indstillingen godkendt"
    assert items["3"].decision == "Indstilles til godkendelse"
    assert items["7"].decision == (
        "Indstillingen godkendt\nmed denne bemærkning:\n"
        "Gruppen af unge i Ballerup Kommune også får adgang til at bruge lokalerne på Solvej 6."
    )
    # Nobody is named under "Følgende deltog ikke i behandlingen af punktet:" here.
    assert not any("deltog ikke" in i.decision for i in sample.items)


def test_sample_parts_follow_the_headings(sample):
    item = items_by_number(sample)["2"]
    assert [p.heading for p in item.parts] == [
        "Sammendrag",
        "Baggrund",
        "Sagsfremstilling",
        "Økonomiske konsekvenser og finansiering",
        "Bilag",
        "Beslutningen træffes af",
        "Indstilling",
    ]
    assert item.part("Bilag").text == "2012-200782 - Bygningsliste og prioriteringssystem"
    assert item.part("Beslutningen træffes af").text == "Sundheds- og Forebyggelsesudvalget"
    assert item.part("Indstilling").text == (
        "Center for Ejendomme indstiller, at\n\n"
        "A) De foreslåede arbejder for bygningsvedligeholdelse 2013 under Sundheds- og "
        "Forebyggelsesudvalget godkendes.\n\n"
        "B) Anlægsbevilling på 1.316.000 kr. over projekt nr. 650260, Vedligeholdelsesarbejder "
        "2013 indgår i den samlede anlægssag, som fremlægges for Økonomiudvalget og "
        "Kommunalbestyrelsen."
    )
    sagsfremstilling = item.part("Sagsfremstilling").text
    assert sagsfremstilling.startswith("I 2012 undgik man skader efter skybrud.")
    assert "\n\nCentralisering af ejendomsdriften\nDen forestående" in sagsfremstilling


def test_sample_head_lines_do_not_leak_into_parts(sample):
    for item in sample.items:
        for part in item.parts:
            assert "Sagsnr." not in part.text and "Dok.nr." not in part.text, item.number
            assert item.title not in part.text.split("\n")[0], item.number
            assert "beslutning den" not in part.heading, item.number
    # The line naming an earlier treatment is kept, untitled, before the first heading.
    first = items_by_number(sample)["3"].parts[0]
    assert (first.heading, first.text) == ("", "Kommunalbestyrelsen den 30. januar 2012 Punkt 5")


def test_sample_meddelelser_keep_their_inline_bilag(sample):
    item = items_by_number(sample)["1"]
    assert [p.heading for p in item.parts] == [""]
    text = item.parts[0].text
    assert text.startswith("a. Møder og konferencer\n\nb. Konference den 23. januar 2012")
    assert "\n\nBilag\n2012-209266 - Forebyggelse af ulighed i sundhedsvæsenet\n\n" in text
    assert text.endswith(
        "e. Sundheds- og Forebyggelsesudvalgets aktiviteter 2013 herunder "
        "konferencer, studiebesøg m.fl."
    )


def test_sample_attachments(sample, sample_dir):
    items = items_by_number(sample)
    assert [(a.title, a.file) for a in items["5"].attachments] == [
        ("KL's proces vedrørende det nære sundhedsvæsen", "1548343.PDF"),
        ("Det nære sundhedsvæsen - KL", "1543229.PDF"),
    ]
    assert [(a.title, a.file) for a in items["2"].attachments] == [
        ("Bygningsliste og prioriteringssystem", "1537646.PDF")
    ]
    assert items["8"].attachments == ()
    every = [a for i in sample.items for a in i.attachments]
    assert len(every) == 10
    for ref in every:
        assert ref.public
        assert (sample_dir / ref.file).is_file()
        # eDoc's links point at its intranet server ("http://edocfarm/..."), useless outside.
        assert ref.url is None
    # An item's own PDF is the item, not one of its attachments.
    assert "1552823.PDF" not in {a.file for a in every}


def test_sample_attendance(sample):
    present = sample.attendance.present
    assert [a.name for a in present][:2] == ["Lolan Ottesen", "Grethe Larsen"]
    assert (present[0].party, present[0].role) == ("A", "formand")
    assert len(present) == 7
    assert sample.attendance.absent == ()


def test_sample_missing_complete_pdf_is_reported_and_the_import_goes_on(parsed, sample_dir):
    document, problems = parsed
    assert problems == [f"{sample_dir / XML}: names 1552814.PDF, which is not in the folder"]
    assert len(document.items) == 8


def test_companions_name_every_referenced_file(sample_raw, sample_dir):
    names = edoc_xml.companions(sample_raw, str(sample_dir / XML))
    pdfs = {p.name for p in sample_dir.iterdir() if p.suffix.upper() == ".PDF"}
    assert set(names) == pdfs | {"1552814.PDF"}
    assert len(names) == len(set(names)) == 19


def test_files_missing_beside_a_copy_are_reported_and_left_out(sample_raw, sample_dir, tmp_path):
    copy = tmp_path / XML
    copy.write_bytes(sample_raw)
    shutil.copy(sample_dir / "1548343.PDF", tmp_path)
    with collecting_problems() as problems:
        document = edoc_xml.parse(sample_raw, str(copy))
    assert len(problems) == 18
    assert f"{copy}: names 1543229.PDF, which is not in the folder" in problems
    attachments = items_by_number(document)["5"].attachments
    assert [(a.title, a.file) for a in attachments] == [
        ("KL's proces vedrørende det nære sundhedsvæsen", "1548343.PDF"),
        ("Det nære sundhedsvæsen - KL", None),
    ]


def test_sample_forbidden_char_refs_are_mended(sample_raw):
    # The sample's &#xC; (a Word page break) makes every conforming XML parser refuse it.
    assert b"&#xC;" in sample_raw
    assert edoc_xml.detect(sample_raw)


def test_truncated_sample_fails_in_one_line(sample_raw):
    with pytest.raises(ImportFailed) as failed:
        edoc_xml.parse(sample_raw[: len(sample_raw) // 2], "cut.xml")
    assert "cut short" in str(failed.value)
    assert "\n" not in str(failed.value)


@pytest.mark.django_db
def test_sample_is_stored_with_its_eight_items(sample):
    from dagsorden.meetings.models import AgendaItem
    from dagsorden.meetings.selectors import meeting_document
    from dagsorden.meetings.services import document_import

    meeting = document_import(document=sample)
    assert meeting.date.isoformat() == "2012-12-04"
    assert AgendaItem.objects.filter(section__meeting=meeting).count() == 8
    assert meeting_document(meeting=meeting) == sample


# -- small files written for the purpose ------------------------------------------------------


def edoc(
    full_text: str = "",
    *,
    agenda_type: str = "Åben dagsorden",
    state: str = "Dagsorden publiceret",
    attachment: str = "",
    prolog: str = '<?xml version="1.0"?>',
) -> str:
    return f"""{prolog}
<Meeting>
  <Committee>Økonomiudvalget</Committee>
  <MeetingDate>11-12-2012 08:00:00</MeetingDate>
  <MeetingState>{state}</MeetingState>
  <MeetingAgendaTypes>
    <MeetingAgendaType>
      <AgendaType>{agenda_type}</AgendaType>
      <MeetingAgendaItems>
        <MeetingAgendaItem>
          <AgendaItemNumber>12</AgendaItemNumber>
          <Document documentid="1">
            <Title>Personalesag vedrørende Hans Hansen</Title>
            <NeutralTitle>Personalesag</NeutralTitle>
            <Attachments>{attachment}</Attachments>
          </Document>
          <FullText>{full_text}</FullText>
        </MeetingAgendaItem>
      </MeetingAgendaItems>
    </MeetingAgendaType>
  </MeetingAgendaTypes>
</Meeting>
"""


def parse(text: str, path: str = "edoc.xml", encoding: str = "utf-8"):
    return edoc_xml.parse(text.encode(encoding), path)


def test_agenda_state_makes_an_agenda_without_decisions():
    document = parse(edoc("12.\tPersonalesag\r\rIndstilling\rDirektionen indstiller, at"))
    assert document.meeting.document == "agenda"
    assert document.meeting.start == "08:00"
    (item,) = document.items
    assert (item.number, item.title, item.decision) == (
        "12",
        "Personalesag vedrørende Hans Hansen",
        None,
    )
    assert item.parts[0].text == "Direktionen indstiller, at"


def test_forbidden_char_refs_and_controls_keep_the_text():
    full_text = (
        "Sagsfremstilling\rFørste linje&#xC;anden linje&#1;\x0ctredje&#11;fjerde &amp; femte"
    )
    (item,) = parse(edoc(full_text)).items
    assert item.part("Sagsfremstilling").text == (
        "Første linje\nanden linje\ntredje\nfjerde & femte"
    )


def test_closed_section_makes_closed_items_with_their_neutral_titles():
    attachment = """<Attachment attachmentid="2"><Title>Lægeerklæring Hans Hansen</Title>
      <NeutralTitle>Lægeerklæring</NeutralTitle><PDFDocument>9.PDF</PDFDocument></Attachment>"""
    with collecting_problems() as problems:
        document = parse(edoc(agenda_type="Lukket dagsorden", attachment=attachment))
    (item,) = document.items
    assert (item.public, item.title) == (False, "Personalesag")
    assert [(a.title, a.public, a.file) for a in item.attachments] == [
        ("Lægeerklæring", False, None)
    ]
    assert problems == ["edoc.xml: names 9.PDF, which is not in the folder"]


def test_restricted_attachment_is_not_public_and_only_real_urls_are_kept():
    attachment = """<Attachment><Title>Bilag A</Title><PublishingType>MÅ IKKE PUBLICERES
      </PublishingType><UrlShowAttachment>https://edoc.ballerup.dk/a?id=1</UrlShowAttachment>
      </Attachment><Attachment><Name>Bilag B</Name><PublicAccess>Lukket</PublicAccess>
      <UrlShowAttachment>javascript:alert(1)</UrlShowAttachment></Attachment>"""
    (item,) = parse(edoc(attachment=attachment)).items
    assert [(a.title, a.public, a.url) for a in item.attachments] == [
        ("Bilag A", False, "https://edoc.ballerup.dk/a?id=1"),
        ("Bilag B", False, None),
    ]


def test_a_file_name_that_is_a_path_is_refused():
    attachment = (
        "<Attachment><Title>X</Title><PDFDocument>../../etc/passwd</PDFDocument></Attachment>"
    )
    with collecting_problems() as problems:
        (item,) = parse(edoc(attachment=attachment)).items
    assert item.attachments[0].file is None
    assert problems == [
        "edoc.xml: names '../../etc/passwd', which is not a plain file name; ignored"
    ]


def test_decision_with_absent_members_keeps_them():
    full_text = (
        "Indstilling\rGodkendes.\r\r"
        "Økonomiudvalgets beslutning den 11.12.2012 Punkt 12\rGodkendt.\r\r"
        "Følgende deltog ikke i behandlingen af punktet:\rOle Olsen (V)\r \r"
    )
    (item,) = parse(edoc(full_text, state="Referat godkendt")).items
    assert item.decision == (
        "Godkendt.\n\nFølgende deltog ikke i behandlingen af punktet:\nOle Olsen (V)"
    )
    assert [p.heading for p in item.parts] == ["Indstilling"]


def test_an_earlier_decision_is_a_part_and_this_meetings_is_the_decision():
    full_text = (
        "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 3\r"
        "Indstilles til godkendelse\r\r"
        "Økonomiudvalgets beslutning den 11.12.2012 Punkt 12\rAnbefales.\r"
    )
    (item,) = parse(edoc(full_text, state="Referat godkendt")).items
    assert item.decision == "Anbefales."
    assert [(p.heading, p.text) for p in item.parts] == [
        (
            "Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 3",
            "Indstilles til godkendelse",
        )
    ]


def test_other_encoding_declared_is_read():
    text = edoc(
        "Sagsfremstilling\rÆblegrød", prolog='<?xml version="1.0" encoding="windows-1252"?>'
    )
    (item,) = parse(text, encoding="cp1252").items
    assert item.part("Sagsfremstilling").text == "Æblegrød"


# -- detection and errors -------------------------------------------------------------------


def test_detect():
    assert edoc_xml.detect(edoc().encode())
    assert edoc_xml.detect(edoc(prolog="").encode())
    assert not edoc_xml.detect(b'<?xml version="1.0"?>\n<rss><channel/></rss>')
    assert not edoc_xml.detect(b"<?xml version='1.0'?><Meeting><Title>x</Title></Meeting>")
    assert not edoc_xml.detect(b"KKR Hovedstaden | 15-10-2021\n1.1. Godkendelse\n")
    assert not edoc_xml.detect(b"%PDF-1.4\n")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE Meeting [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Meeting><Committee>&lol3;</Committee><MeetingAgendaTypes/></Meeting>
"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE Meeting [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Meeting><Committee>&secret;</Committee><MeetingAgendaTypes/></Meeting>
"""


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (BILLION_LAUGHS.encode(), "refused: the XML declares entities"),
        (EXTERNAL.encode(), "refused: the XML declares entities"),
        (edoc().encode()[:-40], "cut short"),
        (edoc("Æblegrød").encode("latin-1"), "not UTF-8 text"),
        (b"%PDF-1.4\n\x00\x01binary", "binary file"),
        (b"KKR Hovedstaden | 15-10-2021\n", "not well-formed XML"),
        (b"<?xml version='1.0'?><rss/>", "not eDoc's <Meeting>"),
        (edoc().replace("11-12-2012 08:00:00", "i morgen").encode(), "is not a date"),
        (edoc().replace("<Committee>Økonomiudvalget</Committee>", "").encode(), "<Committee>"),
        (b'<?xml version="1.0" encoding="klingon"?><Meeting/>', "unknown encoding"),
    ],
)
def test_bad_input_fails_in_one_line(raw, reason):
    with pytest.raises(ImportFailed) as failed:
        edoc_xml.parse(raw, "x.xml")
    message = str(failed.value)
    assert message.startswith("x.xml: ")
    assert reason in message
    assert "\n" not in message


def test_an_agenda_does_not_take_an_earlier_bodys_decision_for_its_own():
    full_text = (
        "Indstilling\rGodkendes.\r\r"
        "Sundheds- og Forebyggelsesudvalgets beslutning den 4.12.2012 Punkt 3\rAnbefales.\r\r"
        "Økonomiudvalgets beslutning den 11.12.2012 Punkt 12\r\r"
    )
    (item,) = parse(edoc(full_text)).items
    assert item.decision is None
    assert [p.heading for p in item.parts] == [
        "Indstilling",
        "Sundheds- og Forebyggelsesudvalgets beslutning den 4.12.2012 Punkt 3",
    ]
