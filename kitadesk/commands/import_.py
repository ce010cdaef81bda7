"""`kitadesk import FILE.xlsx [--dry-run] [--duplikate-bestaetigt]` — the workbook of interfaces.md §3, all or nothing.
Problems go to stderr, one per line (`Blatt, Zeile, Spalte: Meldung`), exit code 1."""

import sys

from kitadesk.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("import", help="Import-Arbeitsmappe (.xlsx) einlesen – alles oder nichts")
    p.add_argument("file", metavar="DATEI.xlsx", help="die Arbeitsmappe (Vorlage: kitadesk export-template)")
    p.add_argument("--dry-run", action="store_true", help="nur prüfen und zählen, nichts speichern")
    p.add_argument("--duplikate-bestaetigt", action="store_true",
                   help="neue Kinder und Tagespflegepersonen auch dann anlegen, wenn sie möglichen Duplikaten "
                        "gleichen (nach Prüfung)")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    from kitadesk.ops.import_ import import_workbook

    try:
        result = import_workbook(ctx.store, args.file, ctx.user, dry_run=args.dry_run,
                                 confirmed_duplicates=args.duplikate_bestaetigt)
    except InputError as exc:
        print(f"Fehler: {exc.message}", file=sys.stderr)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    for line in result.lines():
        print(line)
    for warning in result.warnings:
        print(f"Hinweis: {warning}")
    return 0
