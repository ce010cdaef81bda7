"""`kitadesk beitraege YYYY-MM --xlsx F` — the month's parent fees for the treasury (R-E1..R-E3)."""

from decimal import Decimal

from kitadesk.commands import args as values
from kitadesk.formats import money
from kitadesk.ops.fees import export_fee_list


def register(sub) -> None:
    p = sub.add_parser("beitraege", help="Elternbeiträge eines Monats (Sollstellung für die Stadtkasse)")
    p.add_argument("monat", type=values.month, metavar="MONAT", help="Monat, z. B. 04/2026 oder 2026-04")
    p.add_argument("--xlsx", metavar="F", required=True, help="Beitragsliste als Arbeitsmappe")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    year, month = args.monat
    result = export_fee_list(ctx.store, ctx.user, year, month, args.xlsx)
    due = sum((r.amount_due or 0 for r in result.rows), Decimal("0.00"))
    print(f"Beitragsliste {month:02d}/{year}: {len(result.rows)} Kinder, Zahlbetrag gesamt {money(due)} → {args.xlsx}")
    for warning in result.warnings:
        print(f"Hinweis: {warning}")
    return 0
