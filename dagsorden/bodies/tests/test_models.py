"""The reference data the migrations install, and the rules the database keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError

from dagsorden.bodies.models import Body, LegislativeTerm, Membership, Municipality, Party, Person

pytestmark = pytest.mark.django_db


def test_the_29_municipalities_of_region_hovedstaden_are_there():
    municipalities = Municipality.objects.filter(region="Region Hovedstaden")

    assert municipalities.count() == 29
    codes = dict(municipalities.values_list("name", "code"))
    assert (codes["København"], codes["Frederiksberg"], codes["Bornholm"]) == ("101", "147", "400")
    assert codes["Høje-Taastrup"] == "169"
    assert all(len(code) == 3 and code.isdigit() for code in codes.values())


def test_the_national_parties_are_there_with_their_letters():
    letters = dict(Party.objects.values_list("letter", "name"))

    assert len(letters) == 11
    assert (letters["A"], letters["Ø"], letters["Å"]) == (
        "Socialdemokratiet",
        "Enhedslisten",
        "Alternativet",
    )


def test_a_term_must_end_after_it_starts():
    with pytest.raises(IntegrityError):
        LegislativeTerm.objects.create(
            name="2026–2022", start=dt.date(2026, 1, 1), end=dt.date(2022, 1, 1)
        )


def test_a_member_cannot_be_their_own_substitute():
    person = Person.objects.create(name="Steen Christiansen")
    body = Body.objects.create(name="KKR Hovedstaden", slug="kkr-hovedstaden", kind=Body.Kind.KKR)

    with pytest.raises(IntegrityError):
        Membership.objects.create(
            person=person, body=body, basis=Membership.Basis.BORN, substitute=person
        )


def test_names_read_as_people_say_them():
    person = Person.objects.create(name="Steen Christiansen")
    body = Body.objects.create(name="KKR Hovedstaden", slug="kkr-hovedstaden", kind=Body.Kind.KKR)
    membership = Membership.objects.create(
        person=person, body=body, basis=Membership.Basis.BORN, role=Membership.Role.NAESTFORMAND
    )

    assert str(membership) == "Steen Christiansen – Næstformand, KKR Hovedstaden"
    assert str(Party.objects.get(letter="F")) == "SF – Socialistisk Folkeparti (F)"
