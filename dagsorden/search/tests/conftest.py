"""Builders for search tests: meetings imported from hand-made documents, indexed the
way production indexes them (after commit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from dagsorden.documents.format import Part, Section
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build, item_build


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit(): ...`` runs the on-commit reindexing the block scheduled."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def item(number: str, title: str, *texts: str, **fields):
    parts = tuple(Part(heading="Sagsfremstilling", text=t) for t in texts)
    return item_build(number, title, parts=parts, **fields)


def document(*items, date=dt.date(2021, 10, 15), body="KKR Hovedstaden", kind="agenda"):
    base = document_build(body=body)
    return replace(
        base,
        body=body,
        meeting=replace(base.meeting, date=date, document=kind),
        sections=(Section(number="1", title="Sager", items=tuple(items)),),
    )


@pytest.fixture
def imported(commit):
    """``imported(doc, state=...)``: the document stored as a meeting and indexed."""

    def build(doc, state=Meeting.State.PUBLISHED) -> Meeting:
        with commit():
            return document_import(document=doc, state=state)

    return build
