"""Recording changes in the audit log.

Call ``audit_record`` inside the same transaction as the change it describes, so a
rolled-back change leaves no entry and a committed one always has one.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from dagsorden.audit.models import AuditEntry


def audit_record(
    *,
    user,
    action: str,
    obj: models.Model,
    body=None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        body=body,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:500],
        changes=changes or {},
    )


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """``{field: [old, new]}`` for the fields that differ; values must be JSON-friendly."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(before.keys() | after.keys())
        if before.get(key) != after.get(key)
    }
