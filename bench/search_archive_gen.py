"""A synthetic meeting archive for the search benchmark: Danish words, realistic shape.

98 municipalities × their committees × 20 years of meetings of about ten items each,
written straight into the models with ``bulk_create`` (no signals, no services), then
indexed. The words come from the documents we have (the seed agenda, the eDoc and
SBSYS samples), drawn by their frequency there, so posting lists have a natural,
Zipf-like spread: a few words are everywhere, most are rare.

Used by ``bench/search_archive.py``; Django must be set up before ``archive_build``.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import random
import re
import time
import zipfile
from collections import Counter
from pathlib import Path

MUNICIPALITIES = [
    "Albertslund",
    "Allerød",
    "Assens",
    "Ballerup",
    "Billund",
    "Bornholm",
    "Brøndby",
    "Brønderslev",
    "Dragør",
    "Egedal",
    "Esbjerg",
    "Fanø",
    "Favrskov",
    "Faxe",
    "Fredensborg",
    "Fredericia",
    "Frederiksberg",
    "Frederikshavn",
    "Frederikssund",
    "Furesø",
    "Faaborg-Midtfyn",
    "Gentofte",
    "Gladsaxe",
    "Glostrup",
    "Greve",
    "Gribskov",
    "Guldborgsund",
    "Haderslev",
    "Halsnæs",
    "Hedensted",
    "Helsingør",
    "Herlev",
    "Herning",
    "Hillerød",
    "Hjørring",
    "Holbæk",
    "Holstebro",
    "Horsens",
    "Hvidovre",
    "Høje-Taastrup",
    "Hørsholm",
    "Ikast-Brande",
    "Ishøj",
    "Jammerbugt",
    "Kalundborg",
    "Kerteminde",
    "Kolding",
    "København",
    "Køge",
    "Langeland",
    "Lejre",
    "Lemvig",
    "Lolland",
    "Lyngby-Taarbæk",
    "Læsø",
    "Mariagerfjord",
    "Middelfart",
    "Morsø",
    "Norddjurs",
    "Nordfyn",
    "Nyborg",
    "Næstved",
    "Odder",
    "Odense",
    "Odsherred",
    "Randers",
    "Rebild",
    "Ringkøbing-Skjern",
    "Ringsted",
    "Roskilde",
    "Rudersdal",
    "Rødovre",
    "Samsø",
    "Silkeborg",
    "Skanderborg",
    "Skive",
    "Slagelse",
    "Solrød",
    "Sorø",
    "Stevns",
    "Struer",
    "Svendborg",
    "Syddjurs",
    "Sønderborg",
    "Thisted",
    "Tønder",
    "Tårnby",
    "Vallensbæk",
    "Varde",
    "Vejen",
    "Vejle",
    "Vesthimmerland",
    "Viborg",
    "Vordingborg",
    "Ærø",
    "Aabenraa",
    "Aalborg",
    "Aarhus",
]
COMMITTEES = [
    ("Kommunalbestyrelsen", "municipal_council"),
    ("Økonomiudvalget", "committee"),
    ("Børne- og Ungeudvalget", "committee"),
    ("Teknik- og Miljøudvalget", "committee"),
    ("Social- og Sundhedsudvalget", "committee"),
    ("Kultur- og Fritidsudvalget", "committee"),
]
YEARS = 20
ITEMS_PER_MEETING = 10
TITLE_FORMS = [
    "Godkendelse af {}",
    "Orientering om {}",
    "Høring vedrørende {}",
    "Beslutning om {}",
    "Budget {year}: {}",
    "Anlægsbevilling til {}",
    "Temadrøftelse: {}",
    "{}",
]
PART_HEADINGS = [("Baggrund", 30, 120), ("Sagsfremstilling", 120, 450), ("Indstilling", 15, 60)]
DECISION_FORMS = ["Godkendt.", "Taget til efterretning.", "Anbefales over for Økonomiudvalget."]
_WORD = re.compile(r"[A-Za-zÆØÅæøåÉé]{2,}")
_TAG = re.compile(r"<[^>]+>")


def corpus_texts() -> list[str]:
    """The Danish texts we have: the seed agenda, the eDoc XML, SBSYS XML in its zip."""
    from dagsorden.lib.seeds import data_dir, seed_agenda

    texts = []
    seed = seed_agenda()
    if seed is not None:
        texts.append(seed.read_text("utf-8", errors="replace"))
    data = data_dir()
    for xml in sorted(data.glob("*/*.xml")):
        texts.append(html.unescape(_TAG.sub(" ", xml.read_text("utf-8", errors="replace"))))
    for archive in sorted(data.glob("*/*.zip")):
        with zipfile.ZipFile(archive) as zf:
            for name in zf.namelist():
                if name.lower().endswith(".xml"):
                    raw = zf.read(name).decode("utf-8", errors="replace")
                    # SBSYS keeps its item texts as escaped HTML inside the XML.
                    texts.append(_TAG.sub(" ", html.unescape(_TAG.sub(" ", raw))))
    return texts


def vocabulary() -> Counter:
    counts: Counter = Counter()
    for text in corpus_texts():
        counts.update(w.lower() for w in _WORD.findall(text))
    if not counts:
        raise SystemExit("no seed or data texts beside this checkout (../shared): no words")
    return counts


class Writer:
    """Danish-looking text from a word frequency table, cheaply.

    Composing every item word by word is the slow part at a million items, so texts are
    made of sentences from a large pool; the pool itself is drawn by word frequency.
    """

    def __init__(self, counts: Counter, rng: random.Random, pool: int = 40_000):
        self.rng = rng
        words, weights = zip(*counts.items(), strict=True)
        cum = list(itertools.accumulate(weights))
        sentences = []
        for _ in range(pool):
            n = rng.randint(6, 22)
            chosen = rng.choices(words, cum_weights=cum, k=n)
            sentences.append((" ".join(chosen).capitalize() + ".", n))
        self.sentences = sentences
        # Titles lean on the less common, longer words: "skolestruktur", not "og".
        content = [w for w in words if len(w) >= 5]
        self.content = content
        self.content_cum = list(itertools.accumulate(counts[w] ** 0.5 for w in content))

    def text(self, lo: int, hi: int) -> str:
        target = self.rng.randint(lo, hi)
        out, n = [], 0
        while n < target:
            sentence, length = self.rng.choice(self.sentences)
            out.append(sentence)
            n += length
        return " ".join(out)

    def title(self, year: int) -> str:
        subject = " ".join(
            self.rng.choices(self.content, cum_weights=self.content_cum, k=self.rng.randint(2, 5))
        )
        return self.rng.choice(TITLE_FORMS).format(subject, year=year + 1)


def _slug(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def bodies_create() -> list:
    from dagsorden.bodies.models import Body

    bodies = [
        Body(
            id=n + 1,
            name=f"{committee}, {town} Kommune",
            slug=_slug(f"{town} {committee}"),
            kind=kind,
        )
        for n, (town, (committee, kind)) in enumerate(
            (t, c) for t in MUNICIPALITIES for c in COMMITTEES
        )
    ]
    Body.objects.bulk_create(bodies)
    return bodies


def archive_build(items: int, *, seed: int = 1, batch_meetings: int = 500, log=print) -> dict:
    """Write about ``items`` agenda items; returns counts and seconds spent."""
    from django.db import connection, transaction

    from dagsorden.cases.models import Case
    from dagsorden.meetings.models import AgendaItem, AgendaSection, ItemPart, Meeting

    rng = random.Random(seed)
    start = time.perf_counter()
    counts = vocabulary()
    writer = Writer(counts, rng)
    log(f"vocabulary: {len(counts)} distinct words from the seed and data texts")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A throwaway database: durability buys nothing here and costs the most time.
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -262144")
    with transaction.atomic():
        bodies = bodies_create()
    meetings_total = max(1, items // ITEMS_PER_MEETING)
    # Meetings spread over bodies and years; each body meets on distinct days.
    per_body = -(-meetings_total // len(bodies))
    today = dt.date.today()
    first_day = dt.date(today.year - YEARS + 1, 1, 10)
    span = (dt.date(today.year, 12, 20) - first_day).days
    step = span / per_body
    plan = []
    for body in bodies:
        for k in range(per_body):
            plan.append((body, first_day + dt.timedelta(days=int(k * step) + rng.randint(0, 2))))
    rng.shuffle(plan)
    plan = sorted(plan[:meetings_total], key=lambda p: (p[1], p[0].id))
    recent = today - dt.timedelta(days=60)

    ids = {"meeting": 0, "section": 0, "item": 0, "part": 0, "case": 0}
    open_cases: dict[int, list[int]] = {}
    written = 0
    for chunk_start in range(0, len(plan), batch_meetings):
        meetings, sections, agenda_items, parts, cases = [], [], [], [], []
        for body, day in plan[chunk_start : chunk_start + batch_meetings]:
            ids["meeting"] += 1
            held = day < recent
            meeting = Meeting(
                id=ids["meeting"],
                body_id=body.id,
                date=day,
                location="Rådhuset, mødelokale " + str(rng.randint(1, 6)),
                # Past meetings carry their minutes; the last weeks' are agendas only.
                document=Meeting.DocumentKind.MINUTES if held else Meeting.DocumentKind.AGENDA,
                state=Meeting.State.MINUTES_PUBLISHED if held else Meeting.State.PUBLISHED,
                source={"format": "bench"},
            )
            meetings.append(meeting)
            n_items = rng.randint(ITEMS_PER_MEETING - 5, ITEMS_PER_MEETING + 5)
            n_closed = 1 if rng.random() < 0.3 else 0
            section_ids = []
            for number, title in (("1", "Åbne punkter"), ("2", "Lukkede punkter"))[: 1 + n_closed]:
                ids["section"] += 1
                section_ids.append(ids["section"])
                sections.append(
                    AgendaSection(
                        id=ids["section"],
                        meeting_id=meeting.id,
                        order=len(section_ids),
                        number=number,
                        title=title,
                    )
                )
            for n in range(n_items):
                closed = n >= n_items - n_closed
                reuse = open_cases.get(body.id)
                if reuse and rng.random() < 0.2:
                    case_id = rng.choice(reuse)
                else:
                    ids["case"] += 1
                    case_id = ids["case"]
                    cases.append(Case(id=case_id, number=f"{day.year}-{case_id:07d}"))
                    open_cases.setdefault(body.id, []).append(case_id)
                    del open_cases[body.id][:-30]
                ids["item"] += 1
                agenda_items.append(
                    AgendaItem(
                        id=ids["item"],
                        section_id=section_ids[1 if closed else 0],
                        order=n + 1,
                        number=str(n + 1),
                        title=writer.title(day.year),
                        case_id=case_id,
                        public=not closed,
                        decision=(rng.choice(DECISION_FORMS) + " " + writer.text(5, 40))
                        if held
                        else None,
                    )
                )
                for order, (heading, lo, hi) in enumerate(PART_HEADINGS):
                    ids["part"] += 1
                    parts.append(
                        ItemPart(
                            id=ids["part"],
                            item_id=ids["item"],
                            order=order,
                            heading=heading,
                            text=writer.text(lo, hi),
                        )
                    )
        with transaction.atomic():
            Case.objects.bulk_create(cases, batch_size=2000)
            Meeting.objects.bulk_create(meetings, batch_size=2000)
            AgendaSection.objects.bulk_create(sections, batch_size=2000)
            AgendaItem.objects.bulk_create(agenda_items, batch_size=2000)
            ItemPart.objects.bulk_create(parts, batch_size=2000)
        written += len(agenda_items)
        elapsed = time.perf_counter() - start
        log(
            f"  {written:>9,} items, {ids['meeting']:>7,} meetings  {elapsed:7.1f} s  "
            f"({written / elapsed:,.0f} items/s)"
        )
    _sequences_reset([Case, Meeting, AgendaSection, AgendaItem, ItemPart])
    return {
        "bodies": len(bodies),
        "meetings": ids["meeting"],
        "items": ids["item"],
        "parts": ids["part"],
        "cases": ids["case"],
        "seconds": time.perf_counter() - start,
        "words": counts,
        "slugs": [b.slug for b in bodies],
        "first_day": first_day,
    }


def _sequences_reset(models) -> None:
    # Ids were given explicitly; PostgreSQL's sequences must catch up for later inserts.
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def index_build(*, batch_meetings: int = 200, log=print) -> tuple[int, float]:
    """The search index for every meeting, many meetings per transaction.

    Same rows and same backend writes as ``services.meeting_reindex`` (its ``_rows`` and
    ``backend().write``), but loading and writing a batch of meetings at a time instead
    of a few queries and one transaction per meeting; the index starts empty here, so
    there is nothing to delete first. On PostgreSQL the GIN index is dropped meanwhile
    and made again at the end, as the migration makes it.
    """
    from django.db import connection, transaction

    from dagsorden.meetings.models import Meeting
    from dagsorden.meetings.selectors import meeting_agenda_queryset
    from dagsorden.search import services
    from dagsorden.search.backends import POSTGRES_CREATE, POSTGRES_DROP, backend
    from dagsorden.search.models import SearchDocument

    start = time.perf_counter()
    ids = list(Meeting.objects.order_by("pk").values_list("pk", flat=True))
    engine = backend()
    postgres = connection.vendor == "postgresql"
    if postgres:
        # One GIN build at the end beats updating the index row by row as vectors land.
        with connection.cursor() as cursor:
            cursor.execute(POSTGRES_DROP)
    total = 0
    for n in range(0, len(ids), batch_meetings):
        chunk = ids[n : n + batch_meetings]
        with transaction.atomic():
            rows = []
            for meeting in meeting_agenda_queryset().filter(pk__in=chunk):
                rows.extend(services._rows(meeting))
            rows = SearchDocument.objects.bulk_create(rows, batch_size=1000)
            engine.write(rows)
        total += len(rows)
        if (n // batch_meetings) % 25 == 0 or n + batch_meetings >= len(ids):
            elapsed = time.perf_counter() - start
            done = min(n + batch_meetings, len(ids))
            log(f"  indexed {done:>7,}/{len(ids):,} meetings, {total:>9,} rows  {elapsed:7.1f} s")
    if postgres:
        gin = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(POSTGRES_CREATE)
        log(f"  GIN index built in {time.perf_counter() - gin:.1f} s")
    return total, time.perf_counter() - start


def path_note(path: Path) -> str:
    return f"{path} ({path.stat().st_size / 2**20:,.0f} MiB)" if path.exists() else str(path)
