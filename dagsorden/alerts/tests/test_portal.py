"""The portal's alert pages: subscribing from a body or a search, confirming, leaving."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from dagsorden.alerts import sending
from dagsorden.alerts.models import Subscription
from dagsorden.alerts.tests.conftest import link_in, publish
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.tests.personas import meeting_create
from dagsorden.search.tests.conftest import document, item

pytestmark = pytest.mark.django_db

State = Meeting.State
SUBSCRIBE = "/abonnement/"


@pytest.fixture
def meeting():
    return meeting_create(state=State.SENT)


@pytest.fixture
def csrf_client(client):
    client.handler.enforce_csrf_checks = True
    return client


def confirmed_from_body_page(client, meeting) -> Subscription:
    response = client.post(SUBSCRIBE, {"email": "borger@example.dk", "organ": meeting.body.slug})
    assert response.status_code == 200
    assert "Tjek din e-mail" in response.content.decode()
    [confirmation] = mail.outbox
    assert client.get(link_in(confirmation, "bekraeft")).status_code == 200
    mail.outbox.clear()
    return Subscription.objects.get()


def test_the_body_page_and_the_search_page_offer_the_form(client, imported):
    found = imported(document(item("1", "Ny cykelsti", "Anlæg af cykelsti.")))

    body_page = client.get(f"/organer/{found.body.slug}/").content.decode()
    form_page = client.get(SUBSCRIBE, {"organ": found.body.slug}).content.decode()
    search_page = client.get("/soeg/", {"q": "cykelsti", "organ": found.body.slug})

    assert f'href="/abonnement/?organ={found.body.slug}"' in body_page
    assert 'action="/abonnement/"' in form_page
    assert f'name="organ" value="{found.body.slug}"' in form_page
    html = search_page.content.decode()
    assert 'name="q" value="cykelsti"' in html
    assert f'name="organ" value="{found.body.slug}"' in html


def test_subscribe_confirm_and_receive(site, client, meeting):
    subscription = confirmed_from_body_page(client, meeting)

    assert subscription.confirmed_at is not None
    assert subscription.kind == Subscription.Kind.BODY
    publish(meeting, State.PUBLISHED, dt.datetime.now(dt.UTC))
    assert sending.alerts_send().mails == 1


def test_subscribing_needs_the_csrf_token(site, csrf_client, meeting):
    response = csrf_client.post(SUBSCRIBE, {"email": "a@example.dk", "organ": meeting.body.slug})

    assert response.status_code == 403
    assert not Subscription.objects.exists()


def test_subscribing_again_resends_the_confirmation(site, client, meeting):
    for _ in range(2):
        client.post(SUBSCRIBE, {"email": "borger@example.dk", "organ": meeting.body.slug})

    assert Subscription.objects.count() == 1
    assert len(mail.outbox) == 2
    assert link_in(mail.outbox[0], "bekraeft") == link_in(mail.outbox[1], "bekraeft")


def test_a_saved_search_from_the_search_page(site, client):
    client.post(SUBSCRIBE, {"email": "borger@example.dk", "q": "  cykelsti  havn "})

    subscription = Subscription.objects.get()
    assert (subscription.kind, subscription.query, subscription.body) == (
        Subscription.Kind.SEARCH,
        "cykelsti havn",
        None,
    )


def test_an_invalid_address_is_a_form_error(site, client, meeting):
    response = client.post(SUBSCRIBE, {"email": "ikke en adresse", "organ": meeting.body.slug})

    assert response.status_code == 400
    assert "Skriv en gyldig e-mailadresse." in response.content.decode()
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_no_target_is_a_form_error(site, client):
    response = client.post(SUBSCRIBE, {"email": "borger@example.dk"})

    assert response.status_code == 400
    assert "Vælg et organ" in response.content.decode()


def test_an_unknown_body_is_not_found(site, client):
    response = client.post(SUBSCRIBE, {"email": "borger@example.dk", "organ": "findes-ikke"})

    assert response.status_code == 404


def test_subscribe_takes_only_get_and_post(client):
    assert client.put(SUBSCRIBE).status_code == 405


def test_an_unknown_confirmation_link_is_not_found(client):
    assert client.get("/abonnement/bekraeft/forkert/").status_code == 404


def test_unsubscribe_asks_first_then_stops_mails(site, client, meeting):
    subscription = confirmed_from_body_page(client, meeting)
    url = f"/abonnement/afmeld/{subscription.token}/"

    page = client.get(url)
    assert page.status_code == 200
    assert "<form" in page.content.decode()
    assert Subscription.objects.exists()

    done = client.post(url)
    assert "Du er afmeldt" in done.content.decode()
    publish(meeting, State.PUBLISHED, dt.datetime.now(dt.UTC))
    assert sending.alerts_send().mails == 0
    assert client.get(url).status_code == 404


def test_one_click_unsubscribe_from_the_mail_header(site, client, meeting):
    confirmed_from_body_page(client, meeting)
    publish(meeting, State.PUBLISHED, dt.datetime.now(dt.UTC))
    sending.alerts_send()
    [message] = mail.outbox
    url = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")

    # A mail client posts this without a session or CSRF token (RFC 8058).
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert not Subscription.objects.exists()
