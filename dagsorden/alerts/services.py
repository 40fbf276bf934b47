"""Subscribing, confirming and unsubscribing. Sending is in ``alerts.sending``."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dagsorden.alerts.models import MAX_QUERY, Subscription
from dagsorden.bodies.models import Body

Kind = Subscription.Kind


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def confirm_url(subscription: Subscription) -> str:
    return absolute(reverse("portal:alerts_confirm", args=[subscription.token]))


def unsubscribe_url(subscription: Subscription) -> str:
    return absolute(reverse("portal:alerts_unsubscribe", args=[subscription.token]))


def subscribe(*, email: str, body: Body | None = None, query: str = "") -> Subscription:
    """A subscription to ``body``'s publications, or to those matching ``query`` (within
    ``body`` when given), and a mail asking to confirm it. Raises ``ValidationError``.

    Asking again for the same thing resends the confirmation rather than adding a row; an
    already confirmed subscription is left alone and sent nothing, so the form cannot be
    used to mail a subscriber over and over."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError("Skriv en gyldig e-mailadresse.", code="email") from None
    # The domain is case-insensitive; the local part we keep as written but match loosely.
    email = email.rsplit("@", 1)[0] + "@" + email.rsplit("@", 1)[1].lower()
    query = " ".join((query or "").split())[:MAX_QUERY]
    kind = Kind.SEARCH if query else Kind.BODY
    if kind == Kind.BODY and body is None:
        raise ValidationError("Vælg et organ eller skriv en søgning.", code="target")
    target = {"kind": kind, "body": body, "query": query}
    subscription = Subscription.objects.filter(email__iexact=email, **target).first()
    if subscription is None:
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(email=email, **target)
        except IntegrityError:  # a token collision: as likely as guessing one, but cheap
            subscription = Subscription.objects.create(email=email, **target)
    if subscription.confirmed_at is None:
        _confirmation_send(subscription)
    return subscription


def _confirmation_send(subscription: Subscription) -> None:
    message = "\n".join(
        [
            "Hej",
            "",
            f"Nogen (forhåbentlig dig) har bedt om e-mails, når der kommer nyt fra "
            f"{subscription.target}.",
            "",
            "Bekræft dit abonnement ved at åbne linket:",
            confirm_url(subscription),
            "",
            "Har du ikke bedt om det, kan du se bort fra denne mail; du får ikke flere.",
        ]
    )
    send_mail(
        "Bekræft dit abonnement",
        message,
        settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
    )


def subscription_get(*, token: str) -> Subscription | None:
    if not token or len(token) > 64:
        return None
    return Subscription.objects.select_related("body").filter(token=token).first()


def confirm(*, token: str, now=None) -> Subscription | None:
    """The confirmed subscription, or None for an unknown token. Confirming twice keeps
    the first time: alerts cover publications since then."""
    subscription = subscription_get(token=token)
    if subscription is not None and subscription.confirmed_at is None:
        subscription.confirmed_at = now or timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def unsubscribe(*, token: str) -> bool:
    """Forget the subscription (and its log of what was sent): True if there was one."""
    deleted, _ = Subscription.objects.filter(token=token).delete() if token else (0, None)
    return bool(deleted)
