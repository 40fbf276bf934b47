"""One KKR meeting from the first draft to published minutes, in a real browser.

The story runs through the pages only; the database is touched once, to set up the
body, its secretary and its members. A secretary builds an agenda of three items in
section 3, one of them closed, sees the agenda check's errors beside the items, fixes one
in the editor and sends the agenda with a recorded reason for the other; a member reads
the closed item; an anonymous visitor gets nothing before publishing and, after it, only
the closed item's number and "Lukket punkt"; the secretary then writes the minutes
(attendance, a decision per item), approves and publishes them, and the visitor reads the
public decisions and still nothing of the closed item.

Screenshots of the key pages go to pytest's ``tmp_path``, for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from dagsorden.bodies.models import Body, Membership, Person
from dagsorden.meetings.editing import template_for
from dagsorden.meetings.tests.personas import body_create, member_create, secretary_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "KKR Hovedstaden"
SECRETARY = ("sara", "sekretaer-kkr-2026")
MEMBER = ("birgitte", "medlem-kkr-2026")
MEMBER_NAME = "Birgitte Holm"
ABSENT_NAME = "Lars Winther"

# A meeting four weeks ahead, as the pages write its date.
DAY = timezone.localdate() + dt.timedelta(weeks=4)
with translation.override("da"):
    DATE_SHOWN = date_format(DAY, "j. F Y")  # "17. september 2026"
    DATE_LONG = date_format(DAY, "l j. F Y")  # "torsdag 17. september 2026"
PLACEHOLDER = "Her skrives indstillingen"
OVERRIDE_REASON = "Indstillingen til punkt 3.2 eftersendes, når KL's arbejdsgruppe har holdt møde."


@dataclass(frozen=True)
class Item:
    number: str
    title: str
    case_number: str
    handlers: str
    parts: dict[str, str]  # heading → text; a heading left out stays empty
    decision: str
    closed: bool = False


HEALTH = Item(
    "3.1",
    "Sundhedsklynger",
    "SAG-2026-01234",
    "ssan/nihj",
    {
        "Baggrund": "Sundhedsklyngerne samler kommuner, region og almen praksis om det nære "
        "sundhedsvæsen.",
        # The template text the secretary forgets to replace; the check finds it.
        "Indstilling": PLACEHOLDER,
        "Sagsfremstilling": "Klyngerne har udarbejdet et fælles arbejdsprogram for 2027.",
    },
    decision="KKR Hovedstaden drøftede arbejdsprogrammet og bakkede op om det.",
)
HEALTH_RECOMMENDATION = (
    "Det indstilles, at KKR Hovedstaden drøfter sundhedsklyngernes arbejdsprogram for 2027."
)
RECRUITMENT = Item(
    "3.2",
    "Rekruttering",
    "SAG-2026-01235",
    "mbla",
    # No Indstilling yet: it comes later, and the agenda is sent with a reason.
    {"Baggrund": "Kommunerne mangler social- og sundhedsassistenter."},
    decision="Punktet blev udsat til næste møde.",
)
HOUSING = Item(
    "3.3",
    "Fælles indkøb af plejeboliger",
    "SAG-2026-01236",
    "kvpe",
    {
        "Baggrund": "Kommunerne overvejer et fælles udbud sammen med Boligselskabet Nordlys.",
        "Indstilling": "Det indstilles, at KKR Hovedstaden godkender forhandlingsmandatet over "
        "for Boligselskabet Nordlys.",
    },
    decision="Forhandlingsmandatet over for Boligselskabet Nordlys blev godkendt.",
    closed=True,
)
ITEMS = (HEALTH, RECRUITMENT, HOUSING)
# Words of the closed item that only its body's members and secretariat may ever read.
CLOSED_WORDS = ("plejeboliger", "Nordlys", "forhandlingsmandat", "SAG-2026-01236", "kvpe")


# -- the people and pages ---------------------------------------------------------------------


@pytest.fixture
def new_page(browser, live_server):
    """Another person at another browser: a fresh context, so no shared cookies."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(base_url=live_server.url, locale="da-DK")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def shot(tmp_path):
    """Save a full-page screenshot as ``tmp_path/NN-name.png``."""
    count = iter(range(1, 100))

    def take(page: Page, name: str) -> None:
        page.screenshot(path=tmp_path / f"{next(count):02d}-{name}.png", full_page=True)

    return take


def setup_people() -> None:
    """KKR Hovedstaden with its default template, a secretary, and two current members:
    one who logs in, one without a login who sends apologies."""
    body = body_create(BODY, kind=Body.Kind.KKR)
    template_for(body=body)
    secretary_create(
        body=body,
        username=SECRETARY[0],
        password=SECRETARY[1],
        first_name="Sara",
        last_name="Sekretær",
    )
    member = member_create(
        body=body, username=MEMBER[0], password=MEMBER[1], first_name="Birgitte", last_name="Holm"
    )
    Person.objects.filter(user=member).update(name=MEMBER_NAME)
    Membership.objects.create(
        person=Person.objects.create(name=ABSENT_NAME), body=body, basis=Membership.Basis.BORN
    )


def log_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


def status_panel(page: Page):
    return page.get_by_role("region", name="Status", exact=True)


def expect_state(page: Page, label: str) -> None:
    expect(status_panel(page)).to_contain_text(f"Mødet har status {label}.")


def step(page: Page, button: str, state: str) -> None:
    """Click a workflow button and see the meeting arrive in ``state``."""
    status_panel(page).get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_text(f"Mødet har nu status »{state}«.")).to_be_visible()
    expect_state(page, state)


def builder_item(page: Page, item: Item):
    """An item's entry in the agenda builder, with its findings and buttons."""
    heading = page.get_by_role("heading", name=f"{item.number} {item.title}", exact=True)
    return page.get_by_role("listitem").filter(has=heading)


def section_3(page: Page):
    return page.get_by_role("region", name="3. Regionalpolitiske sager")


# -- the secretary builds and sends the agenda --------------------------------------------------


def secretary_logs_in(page: Page) -> None:
    page.goto("/konto/login/")
    log_in(page, *SECRETARY)
    expect(page.get_by_role("heading", name="Sekretariatet", level=1)).to_be_visible()


def secretary_creates_meeting(page: Page) -> None:
    form = page.get_by_role("form", name=f"Nyt møde i {BODY}")
    form.get_by_label("Dato", exact=True).fill(DAY.isoformat())
    form.get_by_label("Starttidspunkt").fill("10:00")
    form.get_by_label("Sluttidspunkt").fill("13:00")
    form.get_by_label("Mødested").fill("Regionsgården, Hillerød")
    form.get_by_role("button", name="Opret møde").click()
    expect(page.get_by_text(f"Mødet {DATE_SHOWN} er oprettet")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dagsorden: {BODY}, {DATE_LONG}")
    expect_state(page, "Kladde")
    # The template's fixed items are there, section 3 is empty.
    expect(page.get_by_role("heading", name="1.1 Godkendelse af referat")).to_be_visible()
    expect(section_3(page)).to_contain_text("Ingen punkter.")


def secretary_adds_item(page: Page, item: Item) -> None:
    """Add the item to section 3, then fill it in in the editor the builder opens."""
    page.get_by_label("Titel på nyt punkt i afsnit 3", exact=True).fill(item.title)
    page.get_by_role("button", name="Tilføj punkt i afsnit 3", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Punkt {item.number}: {item.title}")

    about = page.get_by_role("group", name="Punktet", exact=True)
    expect(about.get_by_label("Titel", exact=True)).to_have_value(item.title)
    about.get_by_label("Sagsnummer").fill(item.case_number)
    about.get_by_label("Sagsbehandlere").fill(item.handlers)
    if item.closed:
        about.get_by_label("Lukket punkt").check()
    text = page.get_by_role("group", name="Tekst", exact=True)
    for heading, body in item.parts.items():
        text.get_by_label(f"Tekst: {heading}").fill(body)
    page.get_by_role("button", name="Gem punktet").click()

    expect(page.get_by_text(f"Punkt {item.number} {item.title} er gemt.")).to_be_visible()
    entry = builder_item(page, item)
    expect(entry).to_contain_text(f"{item.case_number} {item.handlers}")
    if item.closed:
        expect(entry).to_contain_text("Lukket punkt")


def agenda_shows_errors_beside_items(page: Page) -> None:
    expect(page.get_by_role("region", name="Tjek af dagsordenen")).to_contain_text("2 fejl")
    health = builder_item(page, HEALTH)
    expect(health).to_contain_text("Fejl:")
    expect(health).to_contain_text(f'Indstilling indeholder skabelontekst ("{PLACEHOLDER}")')
    recruitment = builder_item(page, RECRUITMENT)
    expect(recruitment).to_contain_text("Fejl: Indstilling er tom")
    expect(builder_item(page, HOUSING)).not_to_contain_text("Fejl")


def sending_is_blocked_by_the_errors(page: Page) -> None:
    """Approved, the agenda is ready to send, but the panel has no plain send button:
    only "Send alligevel", which needs a reason."""
    panel = status_panel(page)
    expect(panel).to_contain_text("Dagsordenen har 2 fejl.")
    expect(panel).to_contain_text("Punkt 3.1: Indstilling indeholder skabelontekst")
    expect(panel.get_by_role("button", name="Send til medlemmerne")).to_have_count(0)
    reason = panel.get_by_label("Send alligevel med begrundelse")
    expect(reason).to_be_empty()
    panel.get_by_role("button", name="Send alligevel").click()
    # The browser refuses to submit without a reason.
    assert reason.evaluate("field => field.validity.valueMissing")
    expect_state(page, "Godkendt")


def secretary_opens_placeholder_item(page: Page) -> None:
    page.get_by_role("link", name=f"Rediger punkt {HEALTH.number}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Punkt {HEALTH.number}: {HEALTH.title}"
    )
    # The editor shows the error beside the part it is about.
    expect(page.get_by_role("group", name="Tekst", exact=True)).to_contain_text("skabelontekst")


def secretary_fixes_placeholder(page: Page) -> None:
    recommendation = page.get_by_label("Tekst: Indstilling")
    expect(recommendation).to_have_value(PLACEHOLDER)
    recommendation.fill(HEALTH_RECOMMENDATION)
    page.get_by_role("button", name="Gem punktet").click()

    expect(page.get_by_text(f"Punkt {HEALTH.number} {HEALTH.title} er gemt.")).to_be_visible()
    expect(builder_item(page, HEALTH)).not_to_contain_text("skabelontekst")
    expect(builder_item(page, HEALTH)).not_to_contain_text("Fejl")
    expect(page.get_by_role("region", name="Tjek af dagsordenen")).to_contain_text("1 fejl")
    expect(status_panel(page)).to_contain_text("Dagsordenen har 1 fejl.")


def secretary_sends_with_reason(page: Page) -> None:
    panel = status_panel(page)
    panel.get_by_label("Send alligevel med begrundelse").fill(OVERRIDE_REASON)
    panel.get_by_role("button", name="Send alligevel").click()
    expect(page.get_by_text("Mødet har nu status »Sendt til medlemmerne«.")).to_be_visible()
    expect_state(page, "Sendt til medlemmerne")
    sent = status_panel(page).get_by_role("listitem").filter(has_text="til »Sendt til medlemmerne«")
    expect(sent).to_contain_text("Sara Sekretær")
    expect(sent).to_contain_text(f"Begrundelse: {OVERRIDE_REASON}")
    expect(page.get_by_text("Dagsordenen er sendt til medlemmerne:")).to_be_visible()


def portal_url(page: Page) -> str:
    link = page.get_by_role("link", name="Se mødet, som medlemmerne og offentligheden ser det")
    href = link.get_attribute("href")
    assert href and re.fullmatch(r"/moeder/\d+/", href), href
    return href


# -- the member and the anonymous visitor -------------------------------------------------------


def member_reads_closed_item(page: Page) -> None:
    """From the portal's front page: log in, find the meeting, read the closed item."""
    page.goto("/")
    page.get_by_role("link", name="Log ind").click()
    log_in(page, *MEMBER)
    page.get_by_role("link", name=DATE_SHOWN, exact=True).click()
    expect(page.get_by_role("heading", name=BODY, level=1)).to_be_visible()
    heading = page.get_by_role("heading", name=f"{HOUSING.number}. {HOUSING.title}", exact=True)
    item = section_3(page).get_by_role("article").filter(has=heading)
    expect(item).to_contain_text("Lukket punkt – kun for organets medlemmer og sekretariatet.")
    expect(item).to_contain_text(HOUSING.case_number)
    expect(item).to_contain_text(HOUSING.parts["Indstilling"])
    expect(item).to_contain_text(HOUSING.parts["Baggrund"])


def anonymous_gets_not_found(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Siden findes ikke")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Sundhedsklynger")


def anonymous_sees_closed_item_as_number_only(page: Page) -> None:
    heading = page.get_by_role("heading", name=f"{HOUSING.number}. Lukket punkt", exact=True)
    expect(heading).to_be_visible()
    item = section_3(page).get_by_role("article").filter(has=heading)
    # Nothing else: no case number, handlers, parts or attachments.
    only = r"^\s*3\.3\. Lukket punkt\s+Punktet behandles for lukkede døre\.\s*$"
    expect(item).to_have_text(re.compile(only))
    for public in (HEALTH, RECRUITMENT):
        expect(
            page.get_by_role("heading", name=f"{public.number}. {public.title}", exact=True)
        ).to_be_visible()
    assert_no_closed_words(page)


def assert_no_closed_words(page: Page) -> None:
    # Anywhere in the HTML (attributes and hidden text too), in any case, at the start of
    # a word, so a token of random letters cannot match by chance.
    html = page.content()
    leaked = [w for w in CLOSED_WORDS if re.search(rf"\b{re.escape(w)}", html, re.IGNORECASE)]
    assert not leaked, f"the closed item's {leaked} reached an anonymous visitor"


# -- the minutes --------------------------------------------------------------------------------


def secretary_records_attendance(page: Page) -> None:
    page.get_by_role("button", name="Hent medlemmer").click()
    expect(page.get_by_text("2 medlemmer er tilføjet til fremmødet.")).to_be_visible()
    member = page.get_by_role("radiogroup", name=f"Fremmøde for {MEMBER_NAME}")
    member.get_by_role("radio", name="Til stede").check()
    absent = page.get_by_role("group", name=ABSENT_NAME)
    absent.get_by_role("radio", name="Afbud").check()
    absent.get_by_label("Grund ved afbud").fill("Sygdom")
    page.get_by_role("button", name="Gem fremmødet").click()
    expect(page.get_by_text("Fremmødet er gemt.")).to_be_visible()
    expect(
        page.get_by_role("radiogroup", name=f"Fremmøde for {MEMBER_NAME}").get_by_role(
            "radio", name="Til stede"
        )
    ).to_be_checked()
    expect(
        page.get_by_role("group", name=ABSENT_NAME).get_by_label("Grund ved afbud")
    ).to_have_value("Sygdom")


def secretary_records_decision(page: Page, item: Item) -> None:
    name = f"{item.number}. {item.title}" + (" Lukket punkt" if item.closed else "")
    article = page.get_by_role("article", name=name, exact=True)
    article.get_by_label("Beslutning").fill(item.decision)
    article.get_by_role("button", name=f"Gem beslutning til punkt {item.number}").click()
    expect(page.get_by_text(f"Beslutningen til punkt {item.number} er gemt.")).to_be_visible()
    expect(
        page.get_by_role("article", name=name, exact=True).get_by_label("Beslutning")
    ).to_have_value(item.decision)


def anonymous_reads_minutes(page: Page) -> None:
    expect(page.get_by_text("Referat", exact=True)).to_be_visible()
    attendance = page.get_by_role("region", name="Fremmøde")
    expect(attendance).to_contain_text(MEMBER_NAME)
    expect(attendance).to_contain_text(f"{ABSENT_NAME}: Sygdom")
    for public in (HEALTH, RECRUITMENT):
        expect(page.get_by_text(public.decision)).to_be_visible()
    expect(page.get_by_role("heading", name=f"{HOUSING.number}. Lukket punkt")).to_be_visible()
    assert_no_closed_words(page)


# -- the story ----------------------------------------------------------------------------------


def test_an_agenda_from_draft_to_published_minutes(page, new_page, shot):
    setup_people()

    # The secretary builds the agenda.
    secretary = page
    secretary_logs_in(secretary)
    secretary_creates_meeting(secretary)
    for item in ITEMS:
        secretary_adds_item(secretary, item)
    agenda_shows_errors_beside_items(secretary)
    shot(secretary, "dagsorden-med-fejl")

    # Approved, it cannot be sent as it is; the secretary fixes one error and sends it
    # with a reason for the other.
    step(secretary, "Godkend dagsordenen", "Godkendt")
    sending_is_blocked_by_the_errors(secretary)
    shot(secretary, "afsendelse-blokeret")
    secretary_opens_placeholder_item(secretary)
    shot(secretary, "punkt-med-skabelontekst")
    secretary_fixes_placeholder(secretary)
    secretary_sends_with_reason(secretary)
    shot(secretary, "dagsorden-sendt")
    url = portal_url(secretary)

    # A member reads the closed item; the public sees nothing yet.
    member = new_page()
    member_reads_closed_item(member)
    shot(member, "medlem-laeser-lukket-punkt")
    anonymous = new_page()
    anonymous_gets_not_found(anonymous, url)

    # Published, the public sees the agenda but of the closed item only its number.
    step(secretary, "Offentliggør dagsordenen", "Offentliggjort")
    anonymous.goto(url)
    anonymous_sees_closed_item_as_number_only(anonymous)
    shot(anonymous, "offentlig-dagsorden")

    # The meeting is held; the secretary writes, approves and publishes the minutes.
    step(secretary, "Markér mødet som afholdt", "Afholdt")
    step(secretary, "Begynd referatet", "Referat i kladde")
    secretary.get_by_role("link", name="Referat", exact=True).click()
    expect(secretary.get_by_role("heading", level=1)).to_have_text(f"Referat: {BODY}, {DATE_LONG}")
    secretary_records_attendance(secretary)
    for item in ITEMS:
        secretary_records_decision(secretary, item)
    shot(secretary, "referat")
    # The minutes page has the workflow panel too.
    step(secretary, "Godkend referatet", "Referat godkendt")
    expect(secretary.get_by_text("Referatet er godkendt og kan ikke")).to_be_visible()
    # Approved minutes are not yet public.
    anonymous.reload()
    expect(anonymous.get_by_text("Dagsorden", exact=True)).to_be_visible()
    expect(anonymous.get_by_text(HEALTH.decision)).to_have_count(0)
    step(secretary, "Offentliggør referatet", "Referat offentliggjort")
    expect(status_panel(secretary)).to_contain_text("Mødet har været alle trin igennem.")

    anonymous.reload()
    anonymous_reads_minutes(anonymous)
    shot(anonymous, "offentligt-referat")
