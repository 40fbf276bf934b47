"""A visitor with no cookie of ours gets the whole public page from the cache; anyone
whose page is personal (logged in, a pending message) or an export crawl gets their own."""

import pytest
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dagsorden.meetings.models import AgendaItem, ItemPart, Meeting
from dagsorden.meetings.tests.personas import meeting_create, user_create
from dagsorden.portal import page_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return meeting_create(state=Meeting.State.PUBLISHED)


def url_of(meeting) -> str:
    return reverse("portal:meeting_detail", args=[meeting.pk])


def test_a_repeat_anonymous_visit_is_the_stamp_query_alone(client, published):
    client.get(url_of(published))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url_of(published))
    assert response.status_code == 200 and "Log ind" in response.content.decode()
    assert len(queries) == 1


def test_a_logged_in_visitor_never_gets_the_anonymous_page(client, published):
    client.get(url_of(published))
    client.force_login(user_create(first_name="Karen", last_name="Bruger"))
    html = client.get(url_of(published)).content.decode()
    assert "Karen Bruger" in html and "Log ud" in html and "Log ind" not in html


def test_a_pending_message_is_shown_not_cached(client, published):
    client.get(url_of(published))
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(25, "Du er logget ud.")
    encoded = storage._encode([*storage._queued_messages])
    client.cookies["messages"] = encoded
    assert "Du er logget ud." in client.get(url_of(published)).content.decode()
    del client.cookies["messages"]
    assert "Du er logget ud." not in client.get(url_of(published)).content.decode()


def test_an_export_crawl_and_a_live_visitor_get_their_own_pages(client, published):
    live = client.get(url_of(published)).content.decode()
    exported = client.get(url_of(published), **{"dagsorden.export": True}).content.decode()
    assert "Log ind" in live and "Log ind" not in exported
    assert "Log ind" in client.get(url_of(published)).content.decode()


def test_a_change_shows_on_the_next_anonymous_visit(client, published):
    client.get(url_of(published))
    part = ItemPart.objects.filter(item__section__meeting=published, item__number="2.1").first()
    part.text = "Ny tekst efter udsendelsen."
    part.save()
    assert "Ny tekst efter udsendelsen." in client.get(url_of(published)).content.decode()


def test_a_meeting_that_is_not_public_is_never_cached(client):
    draft = meeting_create(state=Meeting.State.DRAFT)
    assert client.get(url_of(draft)).status_code == 404
    Meeting.objects.filter(pk=draft.pk).update(state=Meeting.State.PUBLISHED)
    assert client.get(url_of(draft)).status_code == 200


def test_an_address_past_any_id_is_404_not_an_error(client):
    huge = 10**20
    for url in (
        reverse("portal:meeting_detail", args=[huge]),
        reverse("portal:item_detail", args=[huge, "1.1"]),
        reverse("portal:meeting_pdf", args=[huge, "dagsorden"]),
    ):
        assert client.get(url).status_code == 404, url


def test_an_item_numbered_with_a_slash_has_its_page(client, published):
    AgendaItem.objects.filter(section__meeting=published, number="2.1").update(number="2/1")
    page = client.get(url_of(published)).content.decode()
    item_url = reverse("portal:item_detail", args=[published.pk, "2/1"])
    assert item_url in page
    assert "Status for den forberedende grunduddannelse" in client.get(item_url).content.decode()


def test_a_query_string_gets_no_cache_entry_of_its_own(client, published, monkeypatch):
    client.get(url_of(published))
    stored = []

    class Recording:
        def get(self, key, default=None):
            return cache.get(key, default)

        def set(self, key, *args, **kwargs):
            stored.append(key)
            cache.set(key, *args, **kwargs)

    monkeypatch.setattr(page_cache, "cache", Recording())
    for n in range(5):
        assert client.get(f"{url_of(published)}?x={n}").status_code == 200
    # One address, one entry: made-up query strings add none.
    assert stored == []
