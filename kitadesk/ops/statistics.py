"""Statistics from the store: the official Teil III.3 statistics (R-S1) and the office's own
figures (R-S2). Loads plain inputs for kitadesk.domain.statistics with a few set-based
queries (no N+1; subqueries instead of long IN lists), then calls the pure functions.

Money paid (R-S2) comes only from finalized payout runs (status 'abgeschlossen'), attributed
to the run's month and to the carer's current SRT. Fees charged are the fee list's
`Zahlbetrag` (Beitrag − Ermäßigung, kitadesk.domain.fees.compute_fees) by the child's SRT;
without a usable fee table they are left out with a note.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from kitadesk.domain.calendar import month_range
from kitadesk.domain.fee_table import FeeError
from kitadesk.domain.fees import compute_fees
from kitadesk.domain.money import cents
from kitadesk.domain.statistics import (
    MoneyFigures,
    OfficialStatistics,
    PaidLine,
    StatCarer,
    StatChild,
    StatPermit,
    StatPlacement,
    StatVersion,
    StockFigures,
    money_figures,
    month_span,
    official_statistics,
    stock_figures,
)
from kitadesk.models import (
    ABGESCHLOSSEN,
    Carer,
    Child,
    ChildStatus,
    Erlaubnis,
    PayoutLine,
    PayoutRun,
    Placement,
    PlacementVersion,
    Zusammenschluss,
)
from kitadesk.ops.base import load_actor
from kitadesk.store import Store


@dataclass(frozen=True)
class StatInputs:
    children: list[StatChild]
    carers: list[StatCarer]
    placements: list[StatPlacement]


def _active(day: date):
    return and_(Placement.beginn <= day, or_(Placement.ende.is_(None), Placement.ende >= day))


def load_inputs(session: Session, day: date) -> StatInputs:
    """Children with a placement active on `day` (with all their earlier placements, for "seit"),
    the versions of the active placements, every carer with permits. Seven queries."""
    conn = session.connection()  # Core rows: no ORM overhead for 10× data
    active_children = select(Placement.child_id).where(_active(day)).scalar_subquery()
    rows = conn.execute(
        select(Placement.id, Placement.child_id, Placement.carer_id, Placement.beginn, Placement.ende)
        .where(Placement.beginn <= day, Placement.child_id.in_(active_children))).all()
    versions: dict[int, list[StatVersion]] = defaultdict(list)
    for pid, ab, hours, plan in conn.execute(
            select(PlacementVersion.placement_id, PlacementVersion.gueltig_ab, PlacementVersion.wochenstunden,
                   PlacementVersion.zeitplan)
            .join(Placement, Placement.id == PlacementVersion.placement_id).where(_active(day))):
        versions[pid].append(StatVersion(ab, hours, plan))
    lvr: dict[int, list] = defaultdict(list)
    for cid, ab, flag in conn.execute(
            select(ChildStatus.child_id, ChildStatus.gueltig_ab, ChildStatus.lvr_inklusionshilfe)
            .where(ChildStatus.child_id.in_(active_children))):
        lvr[cid].append((ab, bool(flag)))
    child_nr, children = {}, []
    for (cid, nr, nachname, vorname, geburt, srt, sex, herkunft, sprache, verwandt, eingl) in conn.execute(
            select(Child.id, Child.nr, Child.nachname, Child.vorname, Child.geburtsdatum, Child.srt, Child.geschlecht,
                   Child.herkunft_ausland, Child.sprache_nicht_deutsch, Child.verwandtschaft,
                   Child.eingliederungshilfe).where(Child.id.in_(active_children))):
        child_nr[cid] = nr
        children.append(StatChild(nr, nachname, vorname, geburt, srt, sex, herkunft, sprache, verwandt, eingl,
                                  tuple(lvr.get(cid, ()))))
    permits: dict[int, list[StatPermit]] = defaultdict(list)
    for cid, vom, bis, max_kinder, ort in conn.execute(
            select(Erlaubnis.carer_id, Erlaubnis.vom, Erlaubnis.bis, Erlaubnis.max_kinder, Erlaubnis.betreuungsort)):
        permits[cid].append(StatPermit(vom, bis, max_kinder or 0, ort))
    carer_nr, carers = {}, []
    for (cid, nr, nachname, vorname, srt, quali, seit, sex, born, ort, group, t_seit, t_bis) in conn.execute(
            select(Carer.id, Carer.nr, Carer.nachname, Carer.vorname, Carer.srt, Carer.qualifikation,
                   Carer.qualifikation_seit, Carer.geschlecht, Carer.geburtsdatum, Carer.betreuungsort,
                   Zusammenschluss.name, Carer.taetig_seit, Carer.taetig_bis)
            .outerjoin(Zusammenschluss, Zusammenschluss.id == Carer.zusammenschluss_id)):
        carer_nr[cid] = nr
        carers.append(StatCarer(nr, nachname, vorname, srt, quali, seit, sex, born, ort, group, t_seit, t_bis,
                                tuple(permits.get(cid, ()))))
    placements = [StatPlacement(child_nr[k], carer_nr[c], beginn, ende, tuple(versions.get(pid, ())))
                  for pid, k, c, beginn, ende in rows if k in child_nr and c in carer_nr]
    return StatInputs(children, carers, placements)


def compute_official(session: Session, stichtag: date) -> OfficialStatistics:
    data = load_inputs(session, stichtag)
    return official_statistics(stichtag, data.children, data.carers, data.placements)


def official(store: Store, user: str, stichtag: date) -> OfficialStatistics:
    """R-S1: the Teil III.3 records on the reference date (right 'lesen')."""
    with store.session(user) as session:
        load_actor(session, user).require("lesen")
        return compute_official(session, stichtag)


def export_official(store: Store, user: str, stats: OfficialStatistics, xlsx: str | Path | None = None,
                    csv_folder: str | Path | None = None) -> list[Path]:
    """R-S1 as workbook and/or CSV files (a missing folder is created). Right `lesen`: records
    by number, names only of records with missing fields, no bank details or income; audited."""
    from kitadesk.ops.exports import check_export, write_recorded
    from kitadesk.reports.data import hide_password
    from kitadesk.reports.statistics import write_official_csv, write_official_xlsx

    def write() -> list[Path]:
        written = [write_official_xlsx(stats, xlsx, user, hide_password(store.describe()))] if xlsx else []
        return written + (write_official_csv(stats, csv_folder) if csv_folder else [])

    check_export(store, user, "lesen")
    return write_recorded(store, user, f"Amtliche Statistik zum {stats.stichtag:%d.%m.%Y}", write)


# ------------------------------------------------------------------ R-S2

@dataclass(frozen=True)
class OfficeFigures:
    """The office's own figures (R-S2): counts on a date and money over a month range."""

    stock: StockFigures
    money: MoneyFigures

    @property
    def stichtag(self) -> date:
        return self.stock.stichtag


def paid_lines(session: Session, months: tuple[tuple[int, int], ...]) -> tuple[list[PaidLine], set]:
    """Lines of finalized runs in the months, summed per month, carer SRT and position."""
    first, last = months[0], months[-1]
    ym = PayoutRun.jahr * 100 + PayoutRun.monat
    where = and_(PayoutRun.status == ABGESCHLOSSEN, ym >= first[0] * 100 + first[1], ym <= last[0] * 100 + last[1])
    stmt = (select(PayoutRun.jahr, PayoutRun.monat, Carer.srt, PayoutLine.position, func.sum(PayoutLine.betrag))
            .join(PayoutRun, PayoutRun.id == PayoutLine.run_id)
            .outerjoin(Carer, Carer.nr == PayoutLine.carer_nr).where(where)
            .group_by(PayoutRun.jahr, PayoutRun.monat, Carer.srt, PayoutLine.position))
    lines = [PaidLine(y, m, srt or "", pos, cents(Decimal(str(amount))))
             for y, m, srt, pos, amount in session.execute(stmt)]
    run_months = set(map(tuple, session.execute(select(PayoutRun.jahr, PayoutRun.monat).where(where)).all()))
    return lines, run_months


def fee_months(session: Session, months: tuple[tuple[int, int], ...]) -> tuple[list[PaidLine], str]:
    """Fees charged per month and child SRT (R-E1, R-E2) — or a note why they are left out."""
    from kitadesk.ops.fees import load_fee_children, load_fee_tables
    from kitadesk.ops.settings import load_auslegungen

    tables = load_fee_tables(session)
    if not tables:
        return [], "Elternbeiträge nicht ausgewiesen: keine Beitragstabelle erfasst."
    start, end = month_range(*months[0])[0], month_range(*months[-1])[1]
    children, by_nr = load_fee_children(session, start, end)
    settings = load_auslegungen(session)
    out, held = [], 0
    try:
        for y, m in months:
            sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal("0.00"), Decimal("0.00")])
            for r in compute_fees(children, tables, y, m, settings):
                if r.held:
                    held += 1
                    continue
                child = by_nr.get(r.child_nr)
                entry = sums[child.srt if child else ""]
                entry[0] += r.beitrag
                entry[1] += r.ermaessigung
            out += [PaidLine(y, m, srt, "Elternbeitrag", b - e) for srt, (b, e) in sums.items()]
    except FeeError as exc:
        return [], "Elternbeiträge nicht ausgewiesen: " + "; ".join(exc.errors[:3])
    note = f"{held} Monatsbeiträge nicht festgesetzt (fehlende Angaben), nicht enthalten." if held else ""
    return out, note


def compute_office(session: Session, stichtag: date, first: tuple[int, int], last: tuple[int, int],
                   with_fees: bool = True) -> OfficeFigures:
    months = month_span(first, last)
    data = load_inputs(session, stichtag)
    stock = stock_figures(stichtag, data.children, data.carers, data.placements)
    lines, run_months = paid_lines(session, months)
    fees, note = fee_months(session, months) if with_fees else ([], "")
    return OfficeFigures(stock, money_figures(months, lines, fees, note, run_months))


def office(store: Store, user: str, stichtag: date, first: tuple[int, int], last: tuple[int, int],
           with_fees: bool = True) -> OfficeFigures:
    """R-S2: counts on `stichtag`, money paid and fees charged from month `first` to `last`."""
    with store.session(user) as session:
        load_actor(session, user).require("lesen")
        return compute_office(session, stichtag, first, last, with_fees)


def export_office(store: Store, user: str, fig: OfficeFigures, xlsx: str | Path | None = None,
                  pdf: str | Path | None = None) -> Path | None:
    """R-S2 as workbook or PDF — right `lesen` (counts and sums, no personal data, so not
    audited); a refused report becomes the user's German error. → the written file."""
    from kitadesk.ops.exports import check_export, write_checked
    from kitadesk.reports.statistics import write_office_pdf, write_office_xlsx

    check_export(store, user, "lesen")
    written = None
    if xlsx:
        written = write_checked(lambda: write_office_xlsx(fig.stock, fig.money, xlsx, user))
    if pdf:
        written = write_checked(lambda: write_office_pdf(fig.stock, fig.money, pdf, user))
    return written
