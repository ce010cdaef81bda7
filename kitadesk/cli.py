"""Command line `kitadesk` (interfaces.md §2). No sub-command opens the main window.

Each sub-command lives in `kitadesk/commands/<name>.py` with `register(subparsers)`
that sets `handler(ctx, args) -> int`. Exit codes: 0 ok, 1 user error, 2 usage, 3 internal.
"""

import argparse
import importlib
import importlib.util
import logging
import sys
from functools import cached_property

from kitadesk import __version__, config
from kitadesk.errors import KitaDeskError

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

COMMANDS = (
    "init", "demo", "import_", "export_template", "payout", "beitraege", "bescheide",
    "jahresbescheinigung", "reminders", "statistik", "backup", "users",
)


class Context:
    """What a command needs: the database (opened on first use) and the acting user."""

    def __init__(self, args: argparse.Namespace):
        self.url = config.database_url(args.db)
        self.user = config.current_user(args.user)

    @cached_property
    def store(self):
        from kitadesk.store import Store

        return Store(self.url)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kitadesk", description="KitaDesk – Kindertagespflege Stadt Moers")
    parser.add_argument("--version", action="version", version=f"KitaDesk {__version__}")
    parser.add_argument("--db", help="Datenbank-URL (sonst KITADESK_DB, kitadesk.ini, eingebettete SQLite)")
    parser.add_argument("--user", help="Benutzername (sonst KITADESK_USER oder Windows-Konto)")
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL")
    for name in COMMANDS:
        module_name = f"kitadesk.commands.{name}"
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name).register(sub)
    return parser


def _translated(exc: Exception) -> KitaDeskError | None:
    from sqlalchemy.exc import DBAPIError

    from kitadesk.store import translate_db_error

    return translate_db_error(exc) if isinstance(exc, DBAPIError) else None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage error (2) or --help/--version (0)
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    log_path = config.setup_logging()
    ctx = Context(args)
    try:
        return args.handler(ctx, args) or EXIT_OK
    except KitaDeskError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return EXIT_USER
    except Exception as exc:
        busy = _translated(exc)
        if busy is not None:  # another desk held the lock / created the record first: no traceback
            print(f"Fehler: {busy}", file=sys.stderr)
            return EXIT_USER
        logging.getLogger("kitadesk").exception("Interner Fehler in %s", args.command)
        print(f"Interner Fehler. Details im Protokoll: {log_path}", file=sys.stderr)
        return EXIT_INTERNAL
