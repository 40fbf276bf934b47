"""The public portal's meeting list and meeting page, on the demo agenda."""

import pytest
from django.urls import reverse

from dagsorden.demo.management.commands.demo import DEMO_AGENDA
from dagsorden.importers.registry import load
from dagsorden.meetings.services import document_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    [document] = load(DEMO_AGENDA)
    return document_import(document=document)


def test_the_list_links_every_meeting(client, meeting):
    page = client.get(reverse("portal:meeting_list"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "KKR Hovedstaden" in html and "11. december 2026" in html
    assert reverse("portal:meeting_detail", args=[meeting.pk]) in html


def test_the_list_says_when_there_is_nothing(client):
    assert "Der er ingen møder endnu" in client.get("/").content.decode()


def test_the_meeting_page_shows_the_agenda(client, meeting):
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert "<h1>KKR Hovedstaden</h1>" in html
    assert "kl. 09.30–12.00" in html and "Weidekampsgade 10" in html
    assert '<h2 id="sektion-3-titel">3. Regionalpolitiske sager</h2>' in html
    assert "<h3>3.1. Sundhedsklyngernes første år i hovedstadsområdet</h3>" in html
    assert "SAG-2026-01877" in html and "asfp" in html and "frbe" in html
    assert "<h4>Indstilling</h4>" in html
    # the text form becomes lists and paragraphs
    assert "<li>færre genindlæggelser af ældre medicinske patienter</li>" in html
    assert "./. Statusnotat om sundhedsklyngerne i Region Hovedstaden 2026" in html
    assert '<a href="https://www.kl.dk/kommunale-opgaver/sundhed-og-aeldre">' in html
    assert 'id="punkt-5.1"' in html


def test_a_closed_item_shows_only_its_number(client, meeting):
    html = client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()
    assert "<h3>3.3. Lukket punkt</h3>" in html
    assert "plejeboliger" not in html
    assert "SAG-2026-02455" not in html


def test_an_unknown_meeting_is_404(client):
    assert client.get(reverse("portal:meeting_detail", args=[999999])).status_code == 404
