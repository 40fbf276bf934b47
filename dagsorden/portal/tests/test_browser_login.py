"""Logging in, in a real browser: it works, and repeated wrong passwords lock the account."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, username: str, password: str) -> None:
    page.goto("/konto/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


def test_a_user_logs_in_with_the_right_password(page):
    get_user_model().objects.create_user("sekretaer", password="korrekt-hest-batteri")
    log_in(page, "sekretaer", "korrekt-hest-batteri")
    assert "/konto/login/" not in page.url
    assert "sekretaer" in page.content()


def test_five_wrong_passwords_lock_the_login(page):
    get_user_model().objects.create_user("sekretaer", password="korrekt-hest-batteri")
    for _ in range(4):
        log_in(page, "sekretaer", "forkert")
        assert "passer ikke sammen" in page.content()
    log_in(page, "sekretaer", "forkert")
    assert "For mange forsøg" in page.content()
    # Even the right password is refused while the lockout lasts.
    log_in(page, "sekretaer", "korrekt-hest-batteri")
    assert "For mange forsøg" in page.content()
