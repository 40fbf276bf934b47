"""A meeting rendered to PDF by our renderer and imported with kl-pdf is the same meeting.

Compared: numbers, titles, case numbers, handlers, closed or public, part headings and
texts, decisions, attachment titles, attendance and the cover's facts. Whitespace is not
compared (see ``_ws``): where a printed line break was the author's is not always in the
PDF (a hard break at a page end looks like a paragraph's end), and no reader sees it.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from dagsorden.bodies.models import Body
from dagsorden.documents import format as fmt
from dagsorden.importers import kl_pdf
from dagsorden.publishing.pdf import document_pdf


def render(document: fmt.Document) -> bytes:
    minutes = document.meeting.document == "minutes"
    return document_pdf(document, body=Body(name=document.body), closed=True, minutes=minutes)


def _ws(text: str | None) -> str:
    return " ".join((text or "").split())


def comparable(document: fmt.Document) -> dict:
    meeting = document.meeting
    return {
        "body": document.body,
        "meeting": (meeting.date, meeting.start, meeting.end, meeting.location, meeting.virtual),
        "kind": meeting.document,
        "preamble": [(p.heading, _ws(p.text)) for p in document.preamble],
        "attendance": document.attendance,
        "sections": [(s.number, _ws(s.title)) for s in document.sections],
        "items": [
            {
                "number": i.number,
                "title": _ws(i.title),
                "case": (i.case_number, i.handlers),
                "public": i.public,
                # The renderer prints no part without text, by design.
                "parts": [(p.heading, _ws(p.text)) for p in i.parts if p.text.strip()],
                "decision": _ws(i.decision),
                "attachments": [(_ws(a.title), a.public) for a in i.attachments],
            }
            for i in document.items
        ],
    }


def assert_same(original: fmt.Document, imported: fmt.Document) -> None:
    want, got = comparable(original), comparable(imported)
    for key in ("body", "meeting", "kind", "preamble", "attendance", "sections"):
        assert got[key] == want[key], key
    assert len(got["items"]) == len(want["items"])
    for w, g in zip(want["items"], got["items"], strict=True):
        assert g == w, w["number"]


def test_the_seed_meeting_survives_pdf(seed, tmp_path):
    pdf = render(seed)
    assert kl_pdf.detect(pdf)
    imported = kl_pdf.parse(pdf, str(tmp_path / "seed.pdf"))
    assert imported.source == fmt.Source(format="kl-pdf", path=str(tmp_path / "seed.pdf"))
    assert_same(seed, imported)
    # The seed's links, printed as our "Links" lists, go back to their items.
    assert [(i.number, i.links) for i in imported.items] == [
        (i.number, i.links) for i in seed.items
    ]


# -- generated meetings ---------------------------------------------------------------------

# Danish words with æøå, long compounds the renderer hyphenates, and real hyphens of every
# kind a hyphenation rule must keep: before a capital, after a digit, between lowercase
# letters ("e-mail": ours prints WeasyPrint's own hyphen U+2010 apart from the text's).
_WORDS = (
    "og i at det en til af er for med på som de der kommunerne regionen mødet sagen "
    "borgerne aftalen økonomi området være får også så ikke skal kan vil har blev "
    "sundhedskoordinationsudvalget erhvervsfremmebestyrelsen implementeringsplanen "
    "praksisplanudvalget uddannelsesstrategierne fysioterapeuter genindlæggelser "
    "behandlingsansvaret økonomiudvalgsmødet tværsektorielle overenskomstforhandlingerne "
    "børnehaver ældreplejen færre særlige målgruppen førstehåndsindblik "
    "Region-Hovedstaden FGU-institutionerne KKR-formandskabet 2022-2026 25-årige e-mail "
    "kr. pct. bl.a. 1.400 18.917.950 (FGU) ”Tættere på” – KL’s"
)
WORDS = tuple(_WORDS.split())
CAPITALISED = ("Kommunerne", "Regionen", "Det", "Udvalget", "Formandskabet", "Ældrerådet")
PARTS = ("Baggrund", "Indstilling", "Sagsfremstilling")
INITIALS = st.text(alphabet="abcdefghijklmnoprstuvyæøå", min_size=3, max_size=4)


@st.composite
def sentence(draw, min_words=3, max_words=16) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words))
    return " ".join([draw(st.sampled_from(CAPITALISED)), *words]) + "."


@st.composite
def paragraph(draw) -> str:
    kind = draw(st.sampled_from(("prose", "prose", "prose", "bullets", "numbered")))
    prose = " ".join(draw(st.lists(sentence(), min_size=1, max_size=4)))
    if kind == "prose":
        return prose
    lines = draw(st.lists(sentence(2, 10), min_size=1, max_size=4))
    if kind == "bullets":
        # "Det indstilles, at:" and its list are one paragraph, as KL writes them.
        return prose.removesuffix(".") + ", herunder:\n" + "\n".join(f"- {x}" for x in lines)
    return "\n".join(f"{n}) {x}" for n, x in enumerate(lines, 1))


def text(min_size=1, max_size=3):
    return st.lists(paragraph(), min_size=min_size, max_size=max_size).map("\n\n".join)


def title(max_words=10):
    # Titles carry no "(lukket)" and no list or number at their start: those are marks.
    return st.lists(st.sampled_from(WORDS), min_size=1, max_size=max_words).map(
        lambda w: " ".join(["Status", *w])
    )


@st.composite
def item(draw, number: str, minutes: bool) -> fmt.Item:
    case = draw(st.none() | st.integers(1, 99999).map(lambda n: f"SAG-2021-{n:05}"))
    # A handler is printed after the case number: alone it would read as text.
    handlers = tuple(draw(st.lists(INITIALS, max_size=2))) if case else ()
    headings = draw(st.lists(st.sampled_from(PARTS), min_size=1, max_size=3, unique=True))
    headings.sort(key=PARTS.index)
    attachments = draw(
        st.lists(
            st.builds(
                fmt.AttachmentRef,
                title=title(14),
                url=st.none() | st.just("https://www.kl.dk/media/1/bilag.pdf"),
                public=st.booleans(),
            ),
            max_size=3,
        )
    )
    return fmt.Item(
        number=number,
        title=draw(title()),
        case_number=case,
        handlers=handlers,
        public=draw(st.sampled_from((True, True, True, False))),
        parts=tuple(fmt.Part(h, draw(text())) for h in headings),
        decision=draw(st.none() | text(1, 2)) if minutes else None,
        attachments=tuple(attachments),
    )


BODIES = ("KKR Hovedstaden", "Økonomiudvalget", "Børne- og Ungeudvalget")
NAMES = ("Anne Hansen", "Bo Jensen", "Carl Nielsen", "Dorte Ølgaard", "Søren Åberg")


@st.composite
def attendance(draw) -> fmt.Attendance:
    present = draw(
        st.lists(
            st.builds(
                fmt.Attendee,
                name=st.sampled_from(NAMES),
                party=st.none() | st.sampled_from("ACFIOV"),
                role=st.none() | st.just("formand"),
                substitute_for=st.none() | st.sampled_from(NAMES),
            ),
            max_size=4,
        )
    )
    absent = draw(
        st.lists(
            st.builds(
                fmt.Attendee,
                name=st.sampled_from(NAMES),
                party=st.none() | st.sampled_from("ACFIOV"),
                reason=st.none() | st.sampled_from(("afbud", "sygdom")),
            ),
            max_size=3,
        )
    )
    return fmt.Attendance(present=tuple(present), absent=tuple(absent))


@st.composite
def documents(draw) -> fmt.Document:
    minutes = draw(st.booleans())
    count = draw(st.integers(1, 50))
    # Split the items over sections: each cut starts a new one, an empty one now and then.
    cuts = sorted(draw(st.sets(st.integers(1, max(count - 1, 1)), max_size=min(count, 9))))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, count], strict=True) if b >= a]
    sizes += draw(st.lists(st.just(0), max_size=1))
    sections = []
    for s, size in enumerate(sizes, 1):
        items = tuple(draw(item(f"{s}.{n}", minutes)) for n in range(1, size + 1))
        sections.append(fmt.Section(number=str(s), title=draw(title(6)), items=items))
    start = draw(st.none() | st.sampled_from(("09:30", "16:00")))
    virtual = draw(st.booleans())
    return fmt.Document(
        source=fmt.Source(format="test"),
        body=draw(st.sampled_from(BODIES)),
        meeting=fmt.MeetingInfo(
            date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))),
            start=start,
            end=draw(st.none() | st.just("18:30")) if start else None,
            location=draw(st.none() | st.sampled_from(("Rådhuset, mødelokale 2", "KL-huset"))),
            virtual=virtual,
            document="minutes" if minutes else "agenda",
        ),
        preamble=tuple(
            fmt.Part(h, draw(st.lists(sentence(), min_size=1, max_size=3).map(" ".join)))
            for h in draw(st.lists(st.sampled_from(("Mission", "Vision")), max_size=2, unique=True))
        ),
        attendance=draw(attendance()) if minutes else fmt.Attendance(),
        sections=tuple(sections),
    )


@settings(
    max_examples=8,
    deadline=None,  # WeasyPrint takes a second or two for a large meeting
    database=None,
    # No shrinking: each step renders a PDF, and a failure's example is readable as it is.
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents())
def test_generated_meetings_survive_pdf(document):
    imported = kl_pdf.parse(render(document), "generated.pdf")
    assert_same(document, imported)
