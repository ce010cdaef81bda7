"""`kitadesk import FILE.xlsx [--dry-run] [--fehlerliste F.xlsx] [--duplikate-bestaetigt]` — the workbook of
interfaces.md §3, all or nothing. Problems go to stderr, one per line (`Blatt, Zeile, Spalte: Meldung`), exit
code 1; with --fehlerliste also as an annotated copy of the workbook (reports/error_workbook.py)."""

import sys

from kitadesk.errors import InputError


def register(sub) -> None:
    p = sub.add_parser("import", help="Import-Arbeitsmappe (.xlsx) einlesen – alles oder nichts")
    p.add_argument("file", metavar="DATEI.xlsx", help="die Arbeitsmappe (Vorlage: kitadesk export-template)")
    p.add_argument("--dry-run", action="store_true", help="nur prüfen und zählen, nichts speichern")
    p.add_argument("--fehlerliste", metavar="F.xlsx",
                   help="bei Problemen eine Kopie der Arbeitsmappe mit markierten Zellen und Blatt „Probleme“ schreiben")
    p.add_argument("--duplikate-bestaetigt", action="store_true",
                   help="neue Kinder und Tagespflegepersonen auch dann anlegen, wenn sie möglichen Duplikaten "
                        "gleichen (nach Prüfung)")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    from kitadesk.ops.import_ import ImportProblems, import_workbook, write_problem_list

    try:
        result = import_workbook(ctx.store, args.file, ctx.user, dry_run=args.dry_run,
                                 confirmed_duplicates=args.duplikate_bestaetigt)
    except InputError as exc:
        print_problems(exc)
        if args.fehlerliste and isinstance(exc, ImportProblems):
            path = write_problem_list(args.file, exc.found, args.fehlerliste)
            print(f"Fehlerliste gespeichert: {path}", file=sys.stderr)
        return 1
    print_result(result)
    return 0


def print_problems(exc: InputError) -> None:
    """The import's refusal: the message, then one problem per line (stderr)."""
    print(f"Fehler: {exc.message}", file=sys.stderr)
    for problem in exc.problems:
        print(problem, file=sys.stderr)


def print_result(result) -> None:
    for line in result.lines():
        print(line)
    for warning in result.warnings:
        print(f"Hinweis: {warning}")
