"""`kitadesk bescheide YYYY-MM [--kind carer|parent|changed] [--srt SRT] [--out DIR]` (interfaces.md §2, R-V5).

Renders every letter due for the month that the archive does not hold yet, archives them in one
transaction, writes one PDF per letter and the print file `Druckdatei_JJJJ-MM[_kind].pdf` to DIR
(default: `Bescheide_JJJJ-MM` in the current directory) and prints a summary. Letters that
cannot be produced (incomplete address, fee not set) are listed; they do not change the exit
code (0) — the desk fixes the data and runs the command again, which adds only what is missing.
`--srt` (issue 14.3): only the letters of that desk (ops.letters.desk.produce_for_desk).
"""

import argparse
import sys
from pathlib import Path

from kitadesk.commands import args as values
from kitadesk.ops.letters import CATEGORIES, BatchResult, produce_month


def register(sub) -> None:
    p = sub.add_parser("bescheide", help="fällige Bescheide eines Monats als PDF erstellen und archivieren",
                       description="Erstellt die für den Monat fälligen Bescheide (R-V5): je Brief eine PDF-Datei "
                                   "und eine Druckdatei mit allen Briefen; alle Briefe werden archiviert.")
    p.add_argument("monat", type=values.month, metavar="MONAT", help="Monat, z. B. 04/2026 oder 2026-04")
    p.add_argument("--kind", choices=CATEGORIES,
                   help="nur Bescheide für Tagespflegepersonen (carer), Eltern (parent) oder Änderungsbescheide "
                        "(changed)")
    p.add_argument("--srt", type=values.srt, help="nur die Briefe dieses SRT (Mitte/Süd, Ost, Nord)")
    p.add_argument("--out", metavar="VERZEICHNIS", help="Zielverzeichnis (Standard: Bescheide_JJJJ-MM)")
    p.add_argument("--workers", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=run)


def print_summary(result: BatchResult, title: str) -> None:
    print(f"{title}: {len(result.letters)} erstellt und archiviert")
    counts: dict[str, int] = {}
    for letter in result.letters:
        counts[letter.label] = counts.get(letter.label, 0) + 1
    for label, count in counts.items():
        print(f"  {label}: {count}")
    done = [d for d in result.skipped if d.archived_id is not None]
    problems = [d for d in result.skipped if d.archived_id is None]
    if done:
        print(f"Bereits im Archiv (übersprungen): {len(done)}")
    if problems:
        print(f"Nicht erstellt: {len(problems)}")
        for d in problems:
            print(f"  – {d.label}, {d.recipient}: {d.problem}")
    for note in result.notes:
        print(f"Hinweis: {note}")
    if result.combined_path is not None:
        print(f"Dateien: {result.combined_path.parent} ({len(result.files)} Briefe)")
        print(f"Druckdatei: {result.combined_path}")
    elif not result.letters:
        print("Keine neuen Briefe.")
    sys.stdout.flush()


def run(ctx, args) -> int:
    year, month = args.monat
    out = Path(args.out) if args.out else Path.cwd() / f"Bescheide_{year:04d}-{month:02d}"
    if args.srt:
        from kitadesk.ops.letters.desk import produce_for_desk

        result = produce_for_desk(ctx.store, ctx.user, year, month, args.srt, kind=args.kind, out_dir=out,
                                  workers=args.workers)
    else:
        result = produce_month(ctx.store, ctx.user, year, month, kind=args.kind, out_dir=out, workers=args.workers)
    print_summary(result, f"Bescheide {month:02d}/{year}")
    return 0
