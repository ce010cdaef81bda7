"""`kitadesk jahresbescheinigung YYYY [--out DIR]` — yearly payment statements per carer (R-V5).

One PDF per carer paid in the year's finalized runs and a print file, archived; refused
(exit 1) until December of the year is finalized. Default DIR: `Jahresbescheinigungen_JJJJ`.
"""

import argparse
from pathlib import Path

from kitadesk.commands import args as values
from kitadesk.commands.bescheide import print_summary
from kitadesk.ops.letters import produce_annual


def register(sub) -> None:
    p = sub.add_parser("jahresbescheinigung", help="Jahresbescheinigungen je Tagespflegeperson erstellen",
                       description="Erstellt je Tagespflegeperson die Jahresbescheinigung über die im Jahr "
                                   "ausgezahlten Beträge (nach Position und Monat) und archiviert sie.")
    p.add_argument("jahr", type=values.year, metavar="JJJJ", help="Kalenderjahr, z. B. 2026")
    p.add_argument("--out", metavar="VERZEICHNIS", help="Zielverzeichnis (Standard: Jahresbescheinigungen_JJJJ)")
    p.add_argument("--workers", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    out = Path(args.out) if args.out else Path.cwd() / f"Jahresbescheinigungen_{args.jahr}"
    result = produce_annual(ctx.store, ctx.user, args.jahr, out_dir=out, workers=args.workers)
    print_summary(result, f"Jahresbescheinigungen {args.jahr}")
    return 0
