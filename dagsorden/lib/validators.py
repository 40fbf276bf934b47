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
