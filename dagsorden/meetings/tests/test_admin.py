"""Every model of the domain apps has a working admin list and edit page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse

from dagsorden.audit.services import audit_record
from dagsorden.bodies.models import Body, LegislativeTerm, Membership, Person
from dagsorden.meetings.models import (
    AgendaItem,
    AgendaTemplate,
    ItemNote,
    Meeting,
    MeetingEvent,
    MeetingVersion,
)
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build

DOMAIN_MODELS = [
    model
    for label in ("bodies", "cases", "meetings", "audit")
    for model in apps.get_app_config(label).get_models()
]


def populate() -> None:
    """At least one row of every model, so list columns and inlines are rendered."""
    document_import(document=document_build())
    body = Body.objects.get(name="KKR Hovedstaden")
    term = LegislativeTerm.objects.create(
        name="2022–2026", start=dt.date(2022, 1, 1), end=dt.date(2025, 12, 31)
    )
    person, substitute = (
        Person.objects.create(name="Steen Christiansen"),
        Person.objects.create(name="Trine Græse"),
    )
    Membership.objects.create(
        person=person,
        body=body,
        term=term,
        role=Membership.Role.FORMAND,
        basis=Membership.Basis.BORN,
        substitute=substitute,
    )
    meeting = Meeting.objects.get(body=body)
    item = AgendaItem.objects.filter(section__meeting=meeting).first()
    ItemNote.objects.create(item=item, person=person, text="Deltog ikke i behandlingen.")
    MeetingEvent.objects.create(meeting=meeting, from_state="draft", to_state="approved")
    MeetingVersion.objects.create(meeting=meeting, number=1, document={"format_version": 1})
    AgendaTemplate.objects.create(body=body, sections=[{"number": "1", "title": "Eventuelt"}])
    audit_record(user=None, action="test", obj=meeting, body=body)


def test_every_domain_model_is_registered():
    from django.contrib import admin

    assert [m for m in DOMAIN_MODELS if not admin.site.is_registered(m)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m._meta.label)
def test_list_and_edit_pages_open(admin_client, model):
    populate()
    opts = model._meta
    obj = model.objects.first()
    assert obj is not None, f"populate() made no {opts.label}"

    listing = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    edit = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )

    assert listing.status_code == 200
    assert str(obj) in listing.content.decode()
    assert edit.status_code == 200
