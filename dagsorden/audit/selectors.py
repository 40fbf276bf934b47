from __future__ import annotations

from django.db.models import QuerySet

from dagsorden.audit.models import AuditEntry


def audit_entries(*, user, limit: int = 500) -> QuerySet[AuditEntry]:
    """What ``user`` may read of the log: everything for an administrator, else the
    entries of the bodies whose secretariat they belong to."""
    entries = AuditEntry.objects.select_related("user", "body")
    if not user.is_superuser:
        entries = entries.filter(body__in=user.secretariat_of.all())
    return entries[:limit]
