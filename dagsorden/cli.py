"""The ``dagsorden`` console command: every Django management command under one name."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dagsorden.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    args = ["dagsorden", *(sys.argv[1:] if argv is None else argv)]
    try:
        execute_from_command_line(args)
    except ImproperlyConfigured as exc:
        # A bad environment variable is the operator's mistake: say which, no traceback.
        sys.stderr.write(f"dagsorden: configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
