"""The ``dagsorden`` console command: every Django management command under one name.

Our commands may be named with a dash (``dagsorden export-site``), as console commands
usually are; Django finds a command by its module name, which cannot hold one, so the
dashed name is mapped to the module (``export_site``) here, and ``dagsorden help`` lists
our commands by their dashed names.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dagsorden.settings")
    from django.core.exceptions import ImproperlyConfigured

    args = ["dagsorden", *(sys.argv[1:] if argv is None else argv)]
    try:
        _utility(args).execute()
    except ImproperlyConfigured as exc:
        # A bad environment variable is the operator's mistake: say which, no traceback.
        sys.stderr.write(f"dagsorden: configuration error: {exc}\n")
        sys.exit(2)


def _utility(args: list[str]):
    from django.core.management import ManagementUtility, get_commands

    class Utility(ManagementUtility):
        def fetch_command(self, subcommand):
            # The dashed name stays in argv, so usage lines read "dagsorden export-site".
            module = subcommand.replace("-", "_")
            if "-" in subcommand and module in get_commands():
                subcommand = module
            return super().fetch_command(subcommand)

        def main_help_text(self, commands_only=False):
            text = super().main_help_text(commands_only)
            for name in _dashed(get_commands()):
                text = text.replace(f"\n    {name}\n", f"\n    {name.replace('_', '-')}\n")
                if commands_only:
                    text = "\n".join(
                        line.replace("_", "-") if line == name else line
                        for line in text.split("\n")
                    )
            return text

    return Utility(args)


def _dashed(commands: dict[str, str]) -> list[str]:
    """Our own commands with an underscore: shown with a dash instead."""
    return [name for name, app in commands.items() if "_" in name and app.startswith("dagsorden")]


if __name__ == "__main__":
    main()
