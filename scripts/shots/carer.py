"""The carer form and its tabs (issue 14 item 1): Stammdaten, Erlaubnis, Nachweise & Dokumente,
Fortbildungen, Vertretungsplatz, Notizen, Kinder — of an SRT Ost carer with a running placement,
given records on every tab through the ops where the demo has none."""

from datetime import date
from decimal import Decimal

RECORDS = (
    ("dokument", {"art": "Führungszeugnis", "person": "Jens Brandt (Ehemann)", "erhalten_am": date(2022, 1, 20)}),
    ("dokument", {"art": "Sprachzertifikat B2", "erhalten_am": date(2019, 3, 4)}),
    ("nachweis", {"art": "unfall", "betrag": Decimal("12.00"), "je": "monat", "von": date(2026, 1, 1)}),
    ("nachweis", {"art": "alter", "betrag": Decimal("201.15"), "je": "monat", "alter_art": "gesetzlich",
                  "von": date(2026, 1, 1), "bis": date(2026, 12, 31)}),
    ("nachweis", {"art": "kranken", "betrag": Decimal("3000.00"), "je": "jahr", "von": date(2025, 7, 1)}),
    ("fortbildung", {"datum": date(2026, 3, 14), "titel": "Sprachförderung im Alltag", "stunden": Decimal("3")}),
    ("fortbildung", {"datum": date(2025, 9, 20), "titel": "Kinderschutz nach § 8a SGB VIII",
                     "stunden": Decimal("6")}),
    ("qualikosten", {"art": "Anmeldegebühr Qualifizierung", "betrag": Decimal("120.00"), "gezahlt_am": date(2019, 1, 10),
                     "erstattet_am": date(2019, 11, 2)}),
    ("qualikosten", {"art": "QHB-Eigenanteil 25 %", "betrag": Decimal("950.00"), "gezahlt_am": date(2021, 2, 1)}),
    ("vertretungsplatz", {"vertretungsplatz_von": date(2024, 1, 1), "vertretungsplatz_bis": date(2024, 12, 31)}),
    ("vertretungsplatz", {"vertretungsplatz_von": date(2026, 2, 1)}),
    ("notiz", {"datum": date(2026, 10, 6), "text": "Telefonisch gemeldet: Ehemann an Windpocken erkrankt, "
                                                   "Eltern informiert, Betreuung läuft weiter."}),
    ("notiz", {"datum": date(2026, 4, 2), "text": "Neuer Hund (Labrador) im Haushalt; Hausbesuch am 15.04.2026 "
                                                  "ohne Bedenken."}),
    ("notiz", {"datum": date(2025, 8, 1), "text": "Umzug innerhalb Moers angekündigt (neue Anschrift folgt)."}),
)


def _carer_id(env, ctx) -> int:
    from sqlalchemy import func, select

    from kitadesk.models import Carer, Placement

    with ctx.store.session(ctx.user) as s:
        return s.execute(select(Carer.id).join(Placement, Placement.carer_id == Carer.id)
                         .where(Carer.srt == "Ost", Placement.ende.is_(None))
                         .group_by(Carer.id).order_by(func.count().desc(), Carer.id).limit(1)).scalar_one()


def _fill(env, ctx, carer_id: int) -> None:
    from kitadesk.errors import KitaDeskError
    from kitadesk.ops.queries.carer_records import record_rows
    from kitadesk.ops.records.carer_records import save_carer_record

    with ctx.store.session(ctx.user) as s:
        if record_rows(s, "notiz", carer_id):
            return  # filled at the first screen size
    for kind, values in RECORDS:
        try:
            save_carer_record(ctx.store, ctx.user, kind, carer_id, values, today=env.today)
        except KitaDeskError as exc:  # the demo has it already (import key)
            print(f"  {kind}: {str(exc).splitlines()[0]}")


def shots(env):
    from kitadesk.ui.forms.carer_form import CarerForm

    window = env.window
    ctx = window.ctx
    carer_id = _carer_id(env, ctx)
    _fill(env, ctx, carer_id)
    for tab, name in (("stammdaten", "carer_form.png"), ("erlaubnis", "carer_erlaubnis.png"),
                      ("nachweise", "carer_nachweise.png"), ("fortbildungen", "carer_fortbildungen.png"),
                      ("vertretungsplatz", "carer_vertretungsplatz.png"), ("notizen", "carer_notizen.png"),
                      ("kinder", "carer_kinder.png")):
        form = CarerForm(ctx, carer_id, window, tab=tab)
        form.show()
        env.wait(timeout=0.2)
        yield name, form
        if tab == "nachweise":  # the small form of a record, with the rule's message at the field
            proofs = form.tabs.records["nachweis"]
            proofs.new()
            dialog = proofs.form
            dialog.boxes["art"].field.setCurrentIndex(dialog.boxes["art"].field.findData("alter"))
            dialog.boxes["betrag"].field.setText("201,15")
            dialog.boxes["von"].field.edit.setText("01.01.2027")
            dialog.boxes["bis"].field.edit.setText("31.12.2026")
            yield "carer_nachweis_neu.png", dialog
            dialog.reject()
        form.reject()
