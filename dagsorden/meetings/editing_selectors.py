"""Reads for the agenda editor: one item with what its editor shows, its last change,
and the case numbers to suggest."""

from __future__ import annotations

from django.db.models import Prefetch

from dagsorden.audit.models import AuditEntry
from dagsorden.cases.models import Attachment, Case
from dagsorden.meetings.models import AgendaItem, ItemPart


def item_get(*, item_id: int) -> AgendaItem | None:
    """The item with its section, meeting, body and case, parts and attachments; or None."""
    return (
        AgendaItem.objects.select_related("section__meeting__body", "case", "minutes_of")
        .prefetch_related(
            Prefetch("parts", queryset=ItemPart.objects.order_by("order", "pk")),
            Prefetch("attachments", queryset=Attachment.objects.order_by("order", "pk")),
        )
        .filter(pk=item_id)
        .first()
    )


def attachment_get(*, attachment_id: int) -> Attachment | None:
    return (
        Attachment.objects.select_related("item__section__meeting__body")
        .filter(pk=attachment_id)
        .first()
    )


def item_last_change(*, item: AgendaItem) -> AuditEntry | None:
    """Who last saved the item in the editor, and when."""
    return (
        AuditEntry.objects.select_related("user")
        .filter(object_type="meetings.agendaitem", object_id=str(item.pk), action="item_update")
        .order_by("-at", "-pk")
        .first()
    )


def case_choices(*, bodies, limit: int = 500) -> list[tuple[str, str]]:
    """(number, title) of the newest cases of ``bodies``' meetings, for the case number
    field's suggestions; another body's cases (closed items among them) stay out."""
    cases = Case.objects.filter(items__section__meeting__body__in=bodies).distinct()
    return list(cases.order_by("-pk").values_list("number", "title")[:limit])
