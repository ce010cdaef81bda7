"""`kitadesk payout YYYY-MM [--finalize] [--xlsx F] [--pdf F] [--sepa F]` (interfaces.md §2, §4).

- Month not finalized: computes the draft (replacing an earlier draft of the month),
  with --finalize finalizes it, and writes the requested exports — one transaction under the
  payout lock (ops/payout_month.py): exit 1 means nothing changed and no file was written.
- Month already finalized: the finalized run is used as it is (it is immutable); if data of
  the month changed since, a note says so — the differences are booked as corrections in
  the next open month. --finalize is then a no-op.
- --finalize without the right `auszahlung_abschliessen`: exit 1 before anything is computed.
- --sepa only for a finalized run (with --finalize or an already finalized month), else
  exit 1 before anything is computed. With --finalize --sepa, every reason the file would be
  refused (payer account missing or the example one, missing/invalid IBANs, names without
  SEPA characters, rights, unwritable target) refuses BEFORE finalizing; every case is listed.
- The summary ends with the run's digest (`Prüfsumme`): the window's finalize dialog shows
  the same digest for the draft it finalizes.
"""

import sys

from kitadesk.commands import args as values
from kitadesk.domain.choices import ABGESCHLOSSEN
from kitadesk.errors import FinalizedRunError
from kitadesk.formats import money, month_label
from kitadesk.ops.payout import RunSummary, changed_since, month_run, require_right
from kitadesk.ops.payout_month import payout_month
from kitadesk.ops.payout_report import check_targets, export_run


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
    print(f"  Prüfsumme:           {s.digest}")


def _finalized(ctx, args, summary: RunSummary):
    """The month is finalized already: its run is used as it is (exports of what was finalized)."""
    print(f"Der Monat {summary.month:02d}/{summary.year} ist bereits abgeschlossen – Lauf {summary.number} wird "
          "verwendet.")
    changed = changed_since(ctx.store, summary.run_id)
    if changed:
        print(f"Hinweis: seit dem Abschluss geändert ({', '.join(changed)}) – die Differenzen werden als "
              "Korrektur im nächsten offenen Monat gebucht.")
    return export_run(ctx.store, ctx.user, summary.run_id, args.xlsx, args.pdf, args.sepa)


def run(ctx, args) -> int:
    year, month = args.monat
    check_targets(args.xlsx, args.pdf, args.sepa)
    summary = month_run(ctx.store, year, month)
    if summary is not None and summary.status == ABGESCHLOSSEN:
        done = _finalized(ctx, args, summary)
    else:
        if args.finalize:  # refuse before computing (the op checks again under its lock)
            require_right(ctx.store, ctx.user, "auszahlung_abschliessen")
        try:
            summary, done = payout_month(ctx.store, ctx.user, year, month, args.finalize, args.xlsx, args.pdf,
                                         args.sepa)
        except FinalizedRunError:  # another desk finalized the month meanwhile: as if it had been before
            summary = month_run(ctx.store, year, month)
            if summary is None or summary.status != ABGESCHLOSSEN:
                raise
            done = _finalized(ctx, args, summary)
    _print_summary(summary)
    for label, path in (("Auszahlungsmappe", done.xlsx), ("Auszahlungsliste", done.pdf), ("SEPA-Datei", done.sepa)):
        if path is not None:
            extra = f" ({done.sepa_payments} Überweisungen)" if path == done.sepa else ""
            print(f"{label}: {path}{extra}")
    sys.stdout.flush()
    return 0
