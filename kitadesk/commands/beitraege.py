"""`kitadesk beitraege YYYY-MM --xlsx F` — the month's parent fees for the treasury (R-E1..R-E3)."""

from kitadesk.commands.payout import _month as parse_month
from kitadesk.ops.audit import export_audited
from kitadesk.ops.fees import fee_list
from kitadesk.reports.fee_list import write_fee_list


def register(sub) -> None:
    p = sub.add_parser("beitraege", help="Elternbeiträge eines Monats (Sollstellung für die Stadtkasse)")
    p.add_argument("monat", type=parse_month, metavar="JJJJ-MM", help="Monat, z. B. 2026-04")
    p.add_argument("--xlsx", metavar="F", required=True, help="Beitragsliste als Arbeitsmappe")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    year, month = args.monat
    result = fee_list(ctx.store, ctx.user, year, month)
    write_fee_list(result, args.xlsx)
    export_audited(ctx.store, ctx.user, f"Beitragsliste {year:04d}-{month:02d}", [args.xlsx], len(result.rows))
    due = sum((r.amount_due or 0) for r in result.rows)
    print(f"Beitragsliste {month:02d}/{year}: {len(result.rows)} Kinder, Zahlbetrag gesamt {due:.2f} € → {args.xlsx}")
    for warning in result.warnings:
        print(f"Hinweis: {warning}")
    return 0
