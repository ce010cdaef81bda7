"""`kitadesk hochrechnung JJJJ [--srt S] [--saetze-plus PROZENT --ab TT.MM.JJJJ] [--xlsx F] [--pdf F]`
— payouts and parents' fees of a year per month (issue 20): finalized months as paid, the
others projected by the payout engine; with a rate scenario side by side with the base case."""

import re
import sys
from decimal import Decimal, InvalidOperation

from kitadesk.commands import args as values
from kitadesk.errors import InputError

HEAD = ("Monat", "Auszahlung", "Elternbeiträge", "Status")


def percent(text: str) -> Decimal:
    value = text.strip().replace(",", ".").rstrip("%").strip()
    try:
        result = Decimal(value)
    except InvalidOperation:
        result = None
    if result is None or not re.fullmatch(r"-?\d{1,3}(\.\d{1,4})?", value) or not -50 < result <= 100:
        import argparse

        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Prozentsatz – bitte z. B. 1,5 (zwischen −50 und 100)")
    return result


def register(sub) -> None:
    p = sub.add_parser("hochrechnung", help="Hochrechnung der Auszahlungen und Elternbeiträge eines Jahres",
                       description="Je Monat: abgeschlossene Monate mit den gezahlten Beträgen, die übrigen "
                                   "hochgerechnet wie der Auszahlungslauf (Betreuungen, wie sie stehen). Mit "
                                   "--saetze-plus zusätzlich ein Szenario mit erhöhten Sätzen und die Differenz.")
    p.add_argument("jahr", type=values.year, metavar="JJJJ", help="Jahr, z. B. 2027")
    p.add_argument("--srt", type=values.srt, help="nur dieses SRT (Mitte/Süd, Ost, Nord)")
    p.add_argument("--saetze-plus", type=percent, metavar="PROZENT", dest="plus",
                   help="Szenario: Stundensätze um PROZENT erhöht, z. B. 1,5")
    p.add_argument("--ab", type=values.day, metavar="TT.MM.JJJJ", help="ab diesem Tag (zu --saetze-plus)")
    p.add_argument("--xlsx", metavar="DATEI", help="Arbeitsmappe (Blatt je SRT und Gesamt, Info)")
    p.add_argument("--pdf", metavar="DATEI", help="PDF für den Ausschuss")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    from kitadesk.domain.projection import GESAMT, Scenario, compare
    from kitadesk.formats import money
    from kitadesk.ops.projection import export_projection, projection

    if (args.plus is None) != (args.ab is None):
        raise InputError("--saetze-plus und --ab gehören zusammen: z. B. --saetze-plus 1,5 --ab 01.01.2027.")
    scenario = Scenario(rate_percent=args.plus, rate_from=args.ab) if args.plus is not None else None
    base, other = projection(ctx.store, ctx.user, args.jahr, scenario)
    srt = args.srt or GESAMT
    head = HEAD if other is None else (*HEAD[:3], "Ausz. Szenario", "Differenz", HEAD[3])
    rows = []
    for i, b in enumerate(base.series(srt)):
        status = "abgeschlossen" if b.status == "abgeschlossen" else "Hochrechnung" + (
            " (Sätze unbestätigt)" if b.unconfirmed_rates else "")
        row = [f"{b.month:02d}/{b.year}", money(b.payout), money(b.fees)]
        if other is not None:
            s = other.series(srt)[i]
            row += [money(s.payout), money(s.payout - b.payout)]
        rows.append((*row, status))
    total = base.year_total(srt)
    last = ["Jahr", money(total.payout), money(total.fees)]
    if other is not None:
        last += [money(other.year_total(srt).payout), money(compare(base, other, srt)[-1].payout)]
    rows.append((*last, ""))
    print(f"Hochrechnung {args.jahr} – {args.srt or 'alle SRT'}")
    if other is not None:
        print("Szenario: " + "; ".join(f"{k} {v}" for k, v in other.scenario.parameters()))
    print(_table(head, rows))
    if args.xlsx:
        export_projection(ctx.store, ctx.user, base, other, args.xlsx, args.srt, "xlsx")
        print(f"Arbeitsmappe: {args.xlsx}")
    if args.pdf:
        export_projection(ctx.store, ctx.user, base, other, args.pdf, args.srt, "pdf")
        print(f"PDF: {args.pdf}")
    sys.stdout.flush()
    return 0


def _table(head: tuple[str, ...], rows: list[tuple]) -> str:
    widths = [max(len(str(r[i])) for r in (head, *rows)) for i in range(len(head))]
    right = {i for i in range(1, len(head) - 1)}

    def line(r):
        return "  ".join(str(v).rjust(w) if i in right else str(v).ljust(w)
                         for i, (v, w) in enumerate(zip(r, widths))).rstrip()

    out = [line(head), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
    out.insert(len(out) - 1, "  ".join("-" * w for w in widths))
    return "\n".join(out)
