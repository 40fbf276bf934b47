"""The public portal in a real browser: no axe-core violations, no sideways scrolling on a
phone, and a print without the navigation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from dagsorden.meetings.models import AgendaItem, ItemNote, Meeting
from dagsorden.meetings.tests.personas import meeting_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def pages():
    """The portal's public pages on minutes with attendance, a decision, a note, a closed
    item, links and attachments."""
    meeting = meeting_create(state=Meeting.State.MINUTES_PUBLISHED)
    item = AgendaItem.objects.get(section__meeting=meeting, number="2.1")
    ItemNote.objects.create(item=item, text="Åse Ærø deltog ikke i behandlingen.")
    return {
        "bodies": reverse("portal:body_list"),
        "body": reverse("portal:body_year", args=[meeting.body.slug, meeting.date.year]),
        "meetings": reverse("portal:meeting_list"),
        "meeting": reverse("portal:meeting_detail", args=[meeting.pk]),
        "item": reverse("portal:item_detail", args=[meeting.pk, "2.1"]),
        "closed item": reverse("portal:item_detail", args=[meeting.pk, "2.2"]),
        "case": reverse("portal:case_detail", args=[item.case_id]),
    }


def violations(page) -> tuple[list, str]:
    results = Axe().run(page)
    found = results.response["violations"]
    return found, results.generate_report() if found else ""


@pytest.mark.parametrize("width", [1280, 375])
def test_no_axe_violations_on_the_public_pages(page, pages, width):
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in pages.items():
        page.goto(url)
        found, report = violations(page)
        assert not found, f"{name} ({url}) at {width}px:\n{report}"


def test_nothing_is_wider_than_a_phone(page, pages):
    page.set_viewport_size(PHONE)
    for name, url in pages.items():
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} ({url}) is {width}px wide on a 375px phone"


def test_a_print_leaves_out_the_navigation(page, pages):
    page.goto(pages["meeting"])
    page.emulate_media(media="print")
    for chrome in ("header.site", "footer.site", "nav.toc", "nav.breadcrumbs"):
        assert not page.locator(chrome).is_visible(), chrome
    assert page.locator("h1").is_visible()
    link = page.locator(".links a").first
    shown = page.evaluate("a => getComputedStyle(a, '::after').content", link.element_handle())
    assert "https://www.kl.dk/" in shown  # an external link prints with its address


def test_the_axe_check_does_find_a_violation(page, pages):
    # Guards the harness: a page with a known fault must not pass as clean.
    page.goto(pages["bodies"])
    page.evaluate("document.querySelector('main a').style.color = '#ddd'")
    found, report = violations(page)
    assert [v["id"] for v in found] == ["color-contrast"], report
