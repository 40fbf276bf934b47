"""Meetings and their agendas, stored so a ``Document`` can be rebuilt from them exactly.

The only writer is ``dagsorden.meetings.services.document_import`` and the reader for
documents is ``dagsorden.meetings.selectors.meeting_document``. Where a document tells
``None`` apart from ``""``, the column is nullable so the round trip stays lossless.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinært møde")
        CONSTITUTING = "constituting", _("Konstituerende møde")
        EXTRAORDINARY = "extraordinary", _("Ekstraordinært møde")

    class DocumentKind(models.TextChoices):
        AGENDA = "agenda", _("Dagsorden")
        MINUTES = "minutes", _("Referat")

    class State(models.TextChoices):
        # In workflow order: meetings.workflow relies on it.
        DRAFT = "draft", _("Kladde")
        APPROVED = "approved", _("Godkendt")
        SENT = "sent", _("Sendt til medlemmerne")
        PUBLISHED = "published", _("Offentliggjort")
        HELD = "held", _("Afholdt")
        MINUTES_DRAFT = "minutes_draft", _("Referat i kladde")
        MINUTES_APPROVED = "minutes_approved", _("Referat godkendt")
        MINUTES_PUBLISHED = "minutes_published", _("Referat offentliggjort")

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
    state = models.CharField(
        _("status"), max_length=20, choices=State, default=State.DRAFT, db_index=True
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
    # The item "Godkendelse af referat" points at the meeting whose minutes it approves.
    minutes_of = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_in",
        verbose_name=_("godkender referatet af"),
    )
    # The item of an earlier meeting this one was carried forward from ("Punkter til
    # næste møde"); it is what stops the same item being carried twice.
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("ført videre fra"),
    )
    # Bumped by every edit; an editor saving with an older revision is refused, so a
    # second person's save never silently overwrites the first.
    revision = models.PositiveIntegerField(_("revision"), default=1)
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
    reason = models.CharField(  # noqa: DJ001
        _("fraværsgrund"), max_length=200, null=True, blank=True
    )
    # A personal substitute attends in a member's place: the name of that member.
    substitute_for = models.CharField(  # noqa: DJ001
        _("stedfortræder for"), max_length=200, null=True, blank=True
    )
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


class ItemNote(models.Model):
    """A note in the minutes on one item, e.g. that a member did not take part in it."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="notes", verbose_name=_("punkt")
    )
    order = models.PositiveIntegerField(_("rækkefølge"), default=0)
    person = models.ForeignKey(
        "bodies.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="item_notes",
        verbose_name=_("person"),
    )
    text = models.CharField(_("bemærkning"), max_length=500)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("bemærkning til punkt")
        verbose_name_plural = _("bemærkninger til punkter")

    def __str__(self) -> str:
        return self.text


class MeetingEvent(models.Model):
    """One step of the workflow: who moved the meeting from which state to which, and why."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="events", verbose_name=_("møde")
    )
    from_state = models.CharField(_("fra"), max_length=20, choices=Meeting.State)
    to_state = models.CharField(_("til"), max_length=20, choices=Meeting.State)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_events",
        verbose_name=_("af"),
    )
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    # Set when lint errors were overridden to send anyway: the record of why.
    reason = models.TextField(_("begrundelse"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("mødehændelse")
        verbose_name_plural = _("mødehændelser")

    def __str__(self) -> str:
        return f"{self.meeting}: {self.from_state} → {self.to_state}"


class MeetingVersion(models.Model):
    """The agenda as members saw it: one snapshot at sending and one after each correction."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="versions", verbose_name=_("møde")
    )
    number = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("dokument"))
    note = models.CharField(_("rettelse"), max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_versions",
        verbose_name=_("af"),
    )
    created = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("dagsordensversion")
        verbose_name_plural = _("dagsordensversioner")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="meetingversion_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"


class AgendaTemplate(models.Model):
    """The sections and standard items a body's new meetings start with.

    ``sections`` is a list of ``{"number", "title", "items": [{"title", "minutes_of_previous"}]}``;
    ``minutes_of_previous`` marks the item that approves the previous meeting's minutes.
    """

    body = models.OneToOneField(
        "bodies.Body",
        on_delete=models.CASCADE,
        related_name="agenda_template",
        verbose_name=_("organ"),
    )
    sections = models.JSONField(_("afsnit"), default=list)
    parts = models.JSONField(
        _("faste tekstafsnit"),
        default=list,
        help_text=_("Overskrifterne, et nyt punkt starter med, fx Baggrund, Indstilling."),
    )
    modified = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("dagsordensskabelon")
        verbose_name_plural = _("dagsordensskabeloner")

    def __str__(self) -> str:
        return f"{_('Skabelon')}: {self.body}"
