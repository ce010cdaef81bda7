"""`kitadesk payout YYYY-MM [--finalize] [--xlsx F] [--pdf F] [--sepa F]` (interfaces.md §2, §4).

- Month not finalized: computes the draft (replacing an earlier draft of the month),
  with --finalize finalizes it, then writes the requested exports.
- Month already finalized: the finalized run is used as it is (it is immutable); if data of
  the month changed since, a note says so — the differences are booked as corrections in
  the next open month. --finalize is then a no-op.
- --finalize without the right `auszahlung_abschliessen`: exit 1 before anything is computed.
- --sepa only for a finalized run (with --finalize or an already finalized month), else
  exit 1 before anything is computed. With --finalize --sepa, missing or invalid IBANs
  refuse BEFORE finalizing; every such carer is listed.
"""

import sys

from kitadesk.commands import args as values
from kitadesk.errors import KitaDeskError
from kitadesk.formats import money, month_label
from kitadesk.models import ABGESCHLOSSEN
from kitadesk.ops.payout import RunSummary, changed_since, compute_draft, finalize, month_run, require_right
from kitadesk.ops.payout_report import export_run, payout_report


def register(sub) -> None:
    p = sub.add_parser("payout", help="Auszahlungslauf eines Monats berechnen, abschließen und exportieren",
                       description="Berechnet den Auszahlungslauf des Monats (Entwurf), schließt ihn auf Wunsch "
                                   "ab und schreibt die Exporte für die Stadtkasse.")
    p.add_argument("monat", type=values.month, metavar="MONAT", help="Abrechnungsmonat, z. B. 04/2026 oder 2026-04")
    p.add_argument("--finalize", action="store_true", help="den Lauf abschließen (danach unveränderlich)")
    p.add_argument("--xlsx", metavar="DATEI", help="Auszahlungsmappe (Auszahlung, Positionen, Info)")
    p.add_argument("--pdf", metavar="DATEI", help="Auszahlungsliste zur Unterschrift")
    p.add_argument("--sepa", metavar="DATEI", help="SEPA-Überweisungsdatei pain.001 (nur abgeschlossene Läufe)")
    p.set_defaults(handler=run)


def _print_summary(s: RunSummary) -> None:
    print(f"Lauf {s.number} ({s.status}) – {month_label(s.year, s.month)}")
    print(f"  Tagespflegepersonen: {s.carers} (Zahlungen: {s.payments})")
    print(f"  Auszahlungsbetrag:   {money(s.total)}")
    if s.corrections:
        print(f"  Korrekturzeilen:     {s.corrections} (für {', '.join(s.corrected_months)})")
    print(f"  Hinweise:            {len(s.warnings)}")
    for text in s.warnings:
        print(f"    – {text}")


def _check_ibans_before_finalizing(ctx, run_id: int) -> None:
    from kitadesk.reports.sepa import check_ibans

    problems = check_ibans(payout_report(ctx.store, ctx.user, run_id))
    if problems:
        raise KitaDeskError(
            f"SEPA-Datei abgelehnt: {len(problems)} Zahlung(en) ohne gültige Bankverbindung. Der Lauf wurde "
            "NICHT abgeschlossen; bitte die Stammdaten korrigieren.", [f"– {p}" for p in problems])


def run(ctx, args) -> int:
    year, month = args.monat
    existing = month_run(ctx.store, year, month)
    if existing is not None and existing.status == ABGESCHLOSSEN:
        summary = existing
        print(f"Der Monat {month:02d}/{year} ist bereits abgeschlossen – Lauf {summary.number} wird verwendet.")
        changed = changed_since(ctx.store, summary.run_id)
        if changed:
            print(f"Hinweis: seit dem Abschluss geändert ({', '.join(changed)}) – die Differenzen werden als "
                  "Korrektur im nächsten offenen Monat gebucht.")
    else:
        if args.sepa and not args.finalize:
            raise KitaDeskError(
                f"SEPA-Datei nur für abgeschlossene Läufe: der Monat {month:02d}/{year} ist nicht abgeschlossen. "
                "Bitte mit --finalize abschließen (Recht „Auszahlungslauf abschließen“).")
        if args.finalize:  # refuse before computing: nothing is written
            require_right(ctx.store, ctx.user, "auszahlung_abschliessen")
        summary = compute_draft(ctx.store, ctx.user, year, month)
        if args.finalize:
            if args.sepa:
                _check_ibans_before_finalizing(ctx, summary.run_id)
            summary = finalize(ctx.store, ctx.user, summary.run_id)
    _print_summary(summary)
    if args.xlsx or args.pdf or args.sepa:
        done = export_run(ctx.store, ctx.user, summary.run_id, args.xlsx, args.pdf, args.sepa)
        for label, path in (("Auszahlungsmappe", done.xlsx), ("Auszahlungsliste", done.pdf),
                            ("SEPA-Datei", done.sepa)):
            if path is not None:
                extra = f" ({done.sepa_payments} Überweisungen)" if path == done.sepa else ""
                print(f"{label}: {path}{extra}")
    sys.stdout.flush()
    return 0
