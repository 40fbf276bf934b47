"""Meetings and their agendas, stored so a ``Document`` can be rebuilt from them exactly.

The only writer is ``dagsorden.meetings.services.document_import`` and the reader for
documents is ``dagsorden.meetings.selectors.meeting_document``. Where a document tells
``None`` apart from ``""``, the column is nullable so the round trip stays lossless.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinært møde")
        CONSTITUTING = "constituting", _("Konstituerende møde")
        EXTRAORDINARY = "extraordinary", _("Ekstraordinært møde")

    class DocumentKind(models.TextChoices):
        AGENDA = "agenda", _("Dagsorden")
        MINUTES = "minutes", _("Referat")

    # PROTECT: deleting a body in the admin must not take its meeting history with it.
    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("organ")
    )
    date = models.DateField(_("dato"))
    start = models.TimeField(_("starttidspunkt"), null=True, blank=True)
    end = models.TimeField(_("sluttidspunkt"), null=True, blank=True)
    location = models.CharField(  # noqa: DJ001
        _("mødested"), max_length=300, null=True, blank=True
    )
    kind = models.CharField(_("mødetype"), max_length=20, choices=Kind, default=Kind.ORDINARY)
    virtual = models.BooleanField(_("virtuelt møde"), default=False)
    document = models.CharField(
        _("dokument"),
        max_length=20,
        choices=DocumentKind,
        default=DocumentKind.AGENDA,
        help_text=_("Om indholdet er dagsordenen eller referatet."),
    )
    preamble = models.JSONField(
        _("forside"),
        default=list,
        blank=True,
        help_text=_('Tekst før dagsordenen, som liste af {"heading", "text"}.'),
    )
    source = models.JSONField(
        _("kilde"),
        default=dict,
        blank=True,
        help_text=_('Hvor mødet er importeret fra: {"format", "path"}.'),
    )
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    modified = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        constraints = [
            # One meeting per body per day is what makes a re-import an update.
            models.UniqueConstraint(fields=["body", "date"], name="meeting_unique_body_date"),
        ]
        indexes = [models.Index(fields=["-date"], name="meeting_date_desc")]

    def __str__(self) -> str:
        return f"{self.body} {self.date.isoformat()}"


class AgendaSection(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="sections", verbose_name=_("møde")
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    number = models.CharField(_("nummer"), max_length=20)
    title = models.CharField(_("overskrift"), max_length=500, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("dagsordensafsnit")
        verbose_name_plural = _("dagsordensafsnit")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="agendasection_unique_meeting_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AgendaItem(models.Model):
    section = models.ForeignKey(
        AgendaSection,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("dagsordensafsnit"),
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    number = models.CharField(_("nummer"), max_length=20, help_text=_("Fx 3.1."))
    title = models.CharField(_("titel"), max_length=500, blank=True)
    # PROTECT: a case that items point to is part of the record; delete the items first.
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("sag"),
    )
    handlers = models.JSONField(
        _("sagsbehandlere"), default=list, blank=True, help_text=_("Initialer, i kildens orden.")
    )
    public = models.BooleanField(_("offentligt"), default=True)
    # None means "no decision recorded yet" (an agenda); "" would be an empty decision.
    decision = models.TextField(_("beslutning"), null=True, blank=True)  # noqa: DJ001
    links = models.JSONField(_("links"), default=list, blank=True)
    created = models.DateTimeField(_("oprettet"), auto_now_add=True)
    modified = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "number"], name="agendaitem_unique_section_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def public_attachments(self) -> list:
        # Filters in Python so a prefetched ``attachments`` costs no further query.
        return [a for a in self.attachments.all() if a.public]


class ItemPart(models.Model):
    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="parts", verbose_name=_("punkt")
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    heading = models.CharField(_("overskrift"), max_length=200, blank=True)
    text = models.TextField(_("tekst"), blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("tekstafsnit")
        verbose_name_plural = _("tekstafsnit")

    def __str__(self) -> str:
        return self.heading or f"#{self.order + 1}"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("møde")
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    name = models.CharField(_("navn"), max_length=200)
    party = models.CharField(_("parti"), max_length=100, null=True, blank=True)  # noqa: DJ001
    role = models.CharField(_("rolle"), max_length=100, null=True, blank=True)  # noqa: DJ001
    present = models.BooleanField(_("til stede"), default=True)
    person = models.ForeignKey(
        "bodies.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("person"),
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")

    def __str__(self) -> str:
        return f"{self.name} ({_('til stede') if self.present else _('fraværende')})"
