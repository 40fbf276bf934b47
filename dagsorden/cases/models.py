"""Cases (sager) that agenda items are about, and the attachments (bilag) items carry."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Case(models.Model):
    # Exactly as the source writes it ("SAG-2021-04819", "2011-29298"): sources differ,
    # and a normalised number would no longer match the case system it came from.
    number = models.CharField(_("sagsnummer"), max_length=100, unique=True)
    title = models.CharField(_("titel"), max_length=500, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("sag")
        verbose_name_plural = _("sager")

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.title else self.number


class Attachment(models.Model):
    item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("dagsordenspunkt"),
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    title = models.CharField(_("titel"), max_length=500, blank=True)
    file = models.FileField(_("fil"), upload_to="attachments/%Y/", max_length=500, blank=True)
    # None ("the source names no URL") and "" are different values in a document;
    # null keeps the import lossless.
    url = models.URLField(_("adresse"), max_length=1000, null=True, blank=True)  # noqa: DJ001
    public = models.BooleanField(_("offentligt"), default=True)
    # The file path as the source names it. The uploaded bytes live in ``file``.
    source_file = models.CharField(  # noqa: DJ001
        _("fil i kilden"), max_length=1000, null=True, blank=True
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")

    def __str__(self) -> str:
        return self.title or self.source_file or self.url or f"#{self.pk}"
