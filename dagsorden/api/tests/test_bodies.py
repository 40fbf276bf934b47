"""Bodies, terms, persons and memberships through the API."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_bodies_by_slug_and_id(client, meetings):
    body = meetings["minutes"].body
    data = client.get(f"{API}/bodies").json()
    assert [b["slug"] for b in data["results"]] == ["kkr-hovedstaden", "kkr-sjaelland"]
    assert client.get(f"{API}/bodies/{body.slug}").json()["id"] == body.pk
    assert client.get(f"{API}/bodies/{body.pk}").json()["slug"] == body.slug
    for key in ("ingen", str(2**64), "²"):
        assert client.get(f"{API}/bodies/{key}").status_code == 404


def test_terms_persons_and_memberships(client, meetings):
    [term] = client.get(f"{API}/terms").json()["results"]
    assert term["name"] == "2022–2025"
    [person] = client.get(f"{API}/persons").json()["results"]
    assert person["name"] == "Steen Christiansen" and "email" not in person
    assert "sc@example.org" not in client.get(f"{API}/persons/{person['id']}").content.decode()
    body = meetings["minutes"].body
    [membership] = client.get(f"{API}/memberships?body={body.slug}").json()["results"]
    assert membership["person_id"] == person["id"] and membership["term_id"] == term["id"]
    other = meetings["other"].body
    assert client.get(f"{API}/memberships?body={other.slug}").json()["results"] == []
    assert client.get(f"{API}/memberships?person={2**70}").status_code == 404
    assert client.get(f"{API}/terms/{2**70}").status_code == 404


def test_the_schema_and_the_docs_are_served(client):
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/meetings/{meeting_id}" in schema["paths"]
    docs = client.get(f"{API}/docs")
    assert docs.status_code == 200
    # From our own static files: a visitor's address is not handed to a CDN.
    assert "/static/ninja/" in docs.content.decode() and "cdn" not in docs.content.decode()


def test_a_body_key_postgresql_cannot_store_is_404_too(client, meetings):
    assert client.get(f"{API}/bodies/a%00b").status_code == 404
    assert client.get(f"{API}/meetings?body=a%00b").status_code == 404


def test_an_unknown_address_is_a_json_404(client, meetings):
    response = client.get(f"{API}/moeder/1")
    assert response.status_code == 404
    assert response.json() == {"detail": "Adressen findes ikke i API'et."}
    assert client.get(f"{API}/bodies").status_code == 200
