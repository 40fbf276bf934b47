"""E-mail alerts: who asked to hear about what, and which publications they were sent.

A subscription is anonymous (an address, no account); its token is both the proof that
the address was confirmed and the key to unsubscribe, so it is long and random.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dagsorden.bodies.models import Body
from dagsorden.meetings.models import Meeting

MAX_QUERY = 200


def token_new() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    class Kind(models.TextChoices):
        BODY = "body", _("Organ")
        SEARCH = "search", _("Gemt søgning")

    email = models.EmailField(_("e-mail"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind)
    # For a saved search, an optional filter; for a body subscription, the body.
    body = models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("organ"),
    )
    query = models.CharField(_("søgning"), max_length=MAX_QUERY, blank=True)
    token = models.CharField(_("nøgle"), max_length=64, unique=True, default=token_new)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    created = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="search") | models.Q(body__isnull=False),
                name="alerts_body_subscription_has_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email}: {self.target}"

    @property
    def target(self) -> str:
        if self.kind == self.Kind.BODY:
            return self.body.name
        where = f" i {self.body.name}" if self.body_id else ""
        return f"søgningen »{self.query}«{where}"


class Delivery(models.Model):
    """One publication mailed to one subscription. The unique constraint is what makes
    ``send-alerts`` idempotent and safe to run twice at once: a row is claimed before
    the mail goes out, in the same transaction."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    document = models.CharField(_("dokument"), max_length=10, choices=Meeting.DocumentKind)
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("udsendelse")
        verbose_name_plural = _("udsendelser")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "meeting", "document"], name="alerts_delivery_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id}: {self.document} {self.meeting_id}"
