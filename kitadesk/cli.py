"""Command line `kitadesk` (interfaces.md §2). No sub-command opens the main window."""

import argparse
import sys

from kitadesk import __version__

EXIT_OK, EXIT_USER, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kitadesk", description="KitaDesk – Kindertagespflege Stadt Moers")
    parser.add_argument("--version", action="version", version=f"KitaDesk {__version__}")
    parser.add_argument("--db", help="Datenbank-URL (sonst KITADESK_DB, kitadesk.ini, eingebettete SQLite)")
    parser.add_argument("--user", help="Benutzername (sonst KITADESK_USER oder Windows-Konto)")
    parser.add_subparsers(dest="command")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
