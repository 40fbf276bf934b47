"""The audit log: who changed what, and when. Written only by ``audit.services``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    # PROTECT: a user with history is deactivated, not deleted, so the log keeps its names.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("bruger"),
    )
    action = models.CharField(_("handling"), max_length=50)
    # The body lets a secretariat read the log of its own bodies only.
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("organ"),
    )
    object_type = models.CharField(_("type"), max_length=100)
    object_id = models.CharField(_("id"), max_length=50, blank=True)
    object_repr = models.CharField(_("objekt"), max_length=500, blank=True)
    changes = models.JSONField(_("ændringer"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("logpost")
        verbose_name_plural = _("revisionslog")
        indexes = [models.Index(fields=["body", "-at"], name="audit_body_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user or '-'} {self.action} {self.object_repr}"
