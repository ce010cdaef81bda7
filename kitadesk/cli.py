"""Command line `kitadesk` (interfaces.md §2). No sub-command opens the main window.

Each sub-command lives in `kitadesk/commands/<module>.py` with `register(subparsers)` that sets
`handler(ctx, args) -> int`. Only the chosen command's module is imported (COMMANDS below), so
`--version` and `--help` answer at once. Exit codes: 0 ok, 1 user error, 2 usage, 3 internal.
"""

import argparse
import importlib
import os
import sys
from functools import cached_property
from typing import NamedTuple

from kitadesk import __version__
from kitadesk.argparse_de import GermanParser
from kitadesk.errors import KitaDeskError, PermissionDenied

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class Command(NamedTuple):
    module: str
    help: str
    database: str = "ready"  # store.CREATE / RESTORE / EXISTS / READY: what the command needs of the database


COMMANDS = {  # name → module in kitadesk.commands, in the order of `kitadesk --help`
    "init": Command("init", "Datenbank anlegen oder auf den Stand des Programms bringen", "create"),
    "demo": Command("demo", "leere Datenbank mit fiktiven Demodaten füllen"),
    "import": Command("import_", "Import-Arbeitsmappe (.xlsx) einlesen – alles oder nichts"),
    "import-liste": Command("import_liste", "eigene Liste (xlsx/csv) zuordnen und importieren – alles oder nichts"),
    "export-template": Command("export_template", "leere Import-Arbeitsmappe (Vorlage) schreiben"),
    "payout": Command("payout", "Auszahlungslauf eines Monats berechnen, abschließen und exportieren"),
    "beitraege": Command("beitraege", "Elternbeiträge eines Monats (Sollstellung für die Stadtkasse)"),
    "bescheide": Command("bescheide", "fällige Bescheide eines Monats als PDF erstellen und archivieren"),
    "jahresbescheinigung": Command("jahresbescheinigung", "Jahresbescheinigungen je Tagespflegeperson erstellen"),
    "reminders": Command("reminders", "fällige und überfällige Wiedervorlagen (R-W1)"),
    "statistik": Command("statistik", "amtliche Statistik Kindertagespflege zum Stichtag (R-S1)"),
    "hochrechnung": Command("hochrechnung", "Hochrechnung der Auszahlungen und Elternbeiträge eines Jahres"),
    "backup": Command("backup", "vollständige Sicherung der Datenbank in eine Datei", "exists"),
    "restore": Command("backup", "Datenbank aus einer Sicherung wiederherstellen", "restore"),
    "users": Command("users", "Benutzer und Rollen verwalten"),
    "einstellungen": Command("einstellungen", "Einstellungen des Büros anzeigen oder setzen"),
    "datenschutz": Command("datenschutz", "Löschlauf (DSGVO): abgelaufene Aufbewahrungsfristen anonymisieren"),
}
VALUE_OPTIONS = ("--db", "--user")  # global options that take a value


class Context:
    """What a command needs: the database (opened on first use) and the acting user."""

    def __init__(self, args: argparse.Namespace):
        from kitadesk import config

        self.url = config.database_url(args.db)
        self.user = config.current_user(args.user)
        self.command = args.command
        self.init_command = "kitadesk init" if args.db is None else f"kitadesk --db {args.db} init"

    @cached_property
    def store(self):
        from kitadesk.ops.daily_backup import run_daily_backup
        from kitadesk.store import READY, open_store

        need = COMMANDS[self.command].database
        store = open_store(self.url, need, self.init_command)
        if need == READY:  # the day's backup of an embedded database, before the first change of the day
            done = run_daily_backup(store)
            if done is not None and done.problem:
                print(f"Hinweis: {done.problem}", file=sys.stderr)
        return store


def chosen_command(argv: list[str]) -> str | None:
    """The sub-command word of argv (after the global options), or None."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def available(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(f"kitadesk.commands.{module}") is not None


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser; only `chosen`'s module is imported, the others are listed by name and help."""
    parser = GermanParser(prog="kitadesk", description="KitaDesk – Kindertagespflege Stadt Moers. "
                          "Ohne BEFEHL öffnet sich das Fenster.",
                          epilog="Hilfe zu einem Befehl: kitadesk BEFEHL --help")
    parser.add_argument("--version", action="version", version=f"KitaDesk {__version__}",
                        help="Versionsnummer anzeigen und beenden")
    parser.add_argument("--db", metavar="URL",
                        help="Datenbank-URL oder SQLite-Datei (sonst KITADESK_DB, kitadesk.ini, eingebettete SQLite)")
    parser.add_argument("--user", metavar="NAME", help="Benutzername (sonst KITADESK_USER oder Windows-Konto)")
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL", title="Befehle")
    chosen_module = COMMANDS[chosen].module if chosen in COMMANDS and available(COMMANDS[chosen].module) else None
    for name, command in COMMANDS.items():
        if name in sub.choices:  # registered with a sibling (backup/restore share a module)
            continue
        if command.module == chosen_module:
            importlib.import_module(f"kitadesk.commands.{command.module}").register(sub)
        else:
            sub.add_parser(name, help=command.help)
    return parser


def run_window(args: argparse.Namespace) -> int:
    """`kitadesk` without a sub-command: the main window with the same --db/--user."""
    from kitadesk.ui.app import main as window_main

    return window_main([*(["--db", args.db] if args.db else []), *(["--user", args.user] if args.user else [])])


def _translated(exc: Exception) -> KitaDeskError | None:
    from sqlalchemy.exc import DBAPIError

    from kitadesk.store import translate_db_error

    return translate_db_error(exc) if isinstance(exc, DBAPIError) else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chosen = chosen_command(argv)
    parser = build_parser(chosen)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage error (2) or --help/--version (0)
        return int(exc.code or 0)
    if args.command is None:
        return run_window(args)
    if not hasattr(args, "handler"):  # listed, but its module is not part of this version
        print(f"Der Befehl „{args.command}“ ist in dieser Version von KitaDesk nicht enthalten.", file=sys.stderr)
        return EXIT_USAGE
    from kitadesk import config

    log_path = config.setup_logging()
    try:
        ctx = Context(args)
        code = args.handler(ctx, args) or EXIT_OK
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except PermissionDenied as exc:
        print(f"Fehler: {exc}\nAls anderer Benutzer: kitadesk --user NAME {args.command} …", file=sys.stderr)
        return EXIT_USER
    except KitaDeskError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return EXIT_USER
    except BrokenPipeError:  # `kitadesk … | head`: the reader left; end quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        import logging

        from kitadesk.store import unavailable

        logging.getLogger("kitadesk").exception("Fehler in %s", args.command)
        busy = _translated(exc)
        if busy is not None:  # another desk held the lock / created the record first: no traceback
            print(f"Fehler: {busy}", file=sys.stderr)
            return EXIT_USER
        lost = unavailable(exc)
        if lost is not None:
            print(f"Fehler: {lost}", file=sys.stderr)
            return EXIT_USER
        print(f"Interner Fehler. Details im Protokoll: {log_path}", file=sys.stderr)
        return EXIT_INTERNAL
