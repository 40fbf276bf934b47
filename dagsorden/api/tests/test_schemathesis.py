"""Schemathesis against the API's own OpenAPI schema: no input makes a server error, and
every answer matches the schema (status code, content type, body)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def data(meetings):
    # Function scope is right here: every example runs in the test's one transaction,
    # and the meetings stay put between examples because nothing writes.
    return meetings


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # The real WSGI handler closes the connection after each request, and on PostgreSQL
    # that ends the test's transaction with its data; Django's test client does this too.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_the_api_holds_to_its_schema(case, data):
    case.call_and_validate()
