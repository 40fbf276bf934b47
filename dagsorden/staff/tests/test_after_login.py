"""Logging in lands the secretariat on its start page and everyone else in the portal."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dagsorden.bodies.models import Body

pytestmark = pytest.mark.django_db


def test_a_secretary_lands_on_the_secretariat_page(client):
    user = get_user_model().objects.create_user("sek")
    Body.objects.create(name="KKR Nordjylland", slug="kkr-nordjylland").secretaries.add(user)
    client.force_login(user)
    assert client.get(reverse("after_login"))["Location"] == reverse("staff:home")


def test_a_member_lands_in_the_portal(client):
    client.force_login(get_user_model().objects.create_user("medlem"))
    assert client.get(reverse("after_login"))["Location"] == reverse("portal:meeting_list")
