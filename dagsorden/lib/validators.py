"""Small validators shared by models and forms."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def validate_regex(value: str) -> None:
    if not value:
        return
    try:
        re.compile(value)
    except re.error as exc:
        raise ValidationError(
            _("Ikke et gyldigt regulært udtryk: %(error)s"), params={"error": exc}
        ) from None


def storable_id(value: int) -> bool:
    """Can ``value`` be a primary key? An address can carry any number of digits, and past
    64 bits the database answers with an error (SQLite, PostgreSQL), not with no row."""
    return 0 < value < 2**63
