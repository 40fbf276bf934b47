"""The portal's search page: the form, ranked hits as links, and nothing closed leaking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dagsorden.meetings.models import Meeting
from dagsorden.meetings.tests.personas import member_create
from dagsorden.search.tests.conftest import document, item

pytestmark = pytest.mark.django_db
URL = reverse("portal:search")


def test_the_empty_page_shows_the_form_and_every_page_links_to_it(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html
    assert f'href="{URL}"' in html
    assert "Resultater" not in html


def test_hits_link_to_their_items_with_marked_snippets(client, imported):
    meeting = imported(
        document(
            item("1.1", "Sundhedsklynger", "Om klyngerne & <mere>."),
            item("1.2", "Lukket klyngesag", "Klynger i det skjulte.", public=False),
        )
    )
    html = client.get(URL, {"q": "klynger"}).content.decode()
    assert f'href="/moeder/{meeting.pk}/punkter/1.1/"' in html
    assert "<mark>Sundhedsklynger</mark>" not in html  # other stem: sundhedsklyng
    assert "<mark>klyngerne</mark>" in html
    assert "<mere>" not in html
    assert "Lukket klyngesag" not in html
    assert "skjulte" not in html
    client.force_login(member_create(body=meeting.body))
    assert "Lukket klyngesag" in client.get(URL, {"q": "klynger"}).content.decode()


def test_filters_and_bad_values_in_the_address(client, imported):
    imported(document(item("1.1", "Skoler", "Skoler."), date=dt.date(2020, 3, 1)))
    imported(
        document(item("1.1", "Skoler", "Skoler."), body="KKR Syddanmark"),
        state=Meeting.State.PUBLISHED,
    )
    html = client.get(URL, {"q": "skoler", "organ": "kkr-syddanmark"}).content.decode()
    assert "KKR Syddanmark" in html and "(1)" in html
    html = client.get(
        URL, {"q": "skoler", "fra": "ikke-en-dato", "type": "x", "side": "-3"}
    ).content.decode()
    assert "(2)" in html
    html = client.get(URL, {"q": "skoler", "til": "2020-12-31"}).content.decode()
    assert "(1)" in html


def test_the_page_is_never_cached(client):
    response = client.get(URL, {"q": "x"})
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
