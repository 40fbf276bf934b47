"""The search index: one row per thing a search can find, rebuilt from the meetings.

Nothing here is the record; ``services.meeting_reindex`` can always rebuild a meeting's
rows, so the rows copy what a search filters on rather than join for it.

Each backend adds its own full-text structure beside this table (see ``backends``):
PostgreSQL fills ``vector`` (GIN-indexed, made in the migration); SQLite keeps the
stemmed words in the FTS5 table ``search_fts`` whose rowid is this table's id.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Møde")
        ITEM = "item", _("Punkt")
        # Its own row because decisions are shown later than the agenda they belong to
        # (access.can_see_minutes), so they must be filterable apart from the item.
        DECISION = "decision", _("Beslutning")

    kind = models.CharField(_("art"), max_length=10, choices=Kind)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="+", verbose_name=_("møde")
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
        # Not CASCADE: SQLite's FTS5 rows are deleted by the ids of these rows, so they
        # must outlive the item until its meeting is reindexed, at the same commit.
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("punkt"),
    )
    body = models.ForeignKey(
        "bodies.Body", on_delete=models.CASCADE, related_name="+", verbose_name=_("organ")
    )
    date = models.DateField(_("dato"))
    # Copies of the meeting's state and document kind: access and the type filter use
    # them, and every change to either reindexes the meeting.
    state = models.CharField(_("status"), max_length=20)
    document = models.CharField(_("dokument"), max_length=20)
    # False for a closed item: only those who may see closed content find the row.
    public = models.BooleanField(_("offentligt"), default=True)
    case_number = models.CharField(_("sagsnummer"), max_length=100, blank=True, db_index=True)
    number = models.CharField(_("nummer"), max_length=20, blank=True)
    title = models.CharField(_("titel"), max_length=500, blank=True)
    # Unstemmed, as written: what snippets are cut from.
    text = models.TextField(_("tekst"), blank=True)
    vector = SearchVectorField(null=True, blank=True)

    class Meta:
        verbose_name = _("søgedokument")
        verbose_name_plural = _("søgedokumenter")
        indexes = [models.Index(fields=["meeting"], name="searchdoc_meeting")]

    def __str__(self) -> str:
        return f"{self.kind} {self.title}"
