"""Shared helpers of the payout-run tests (ops layer, SQLite and PostgreSQL)."""

from decimal import Decimal

from sqlalchemy import select

from kitadesk.models import PayoutLine, PayoutRun
from tests.support.factory import worked_example


def seed(store, build=worked_example, user: str = "test"):
    """Run `build(session)` in one committed session; returns its result."""
    with store.session(user) as s:
        result = build(s)
        s.commit()
    return result


PAYER_IBAN = "DE02100100100006820101"  # a valid account that is not the example of the defaults


def real_payer(store) -> None:
    """Set the payer account of the SEPA files (the default is the example account, refused)."""
    from kitadesk.ops.settings import store_value

    with store.session("test") as s:
        store_value(s, "sepa_iban", PAYER_IBAN, "")
        store_value(s, "sepa_bic", "PBNKDEFFXXX", "")
        s.commit()


def allow_month_gaps(store) -> None:
    """System setting abschluss_lueckenlos = nein: months may be finalized with gaps (e.g. April
    and December only, for the yearly certificate tests)."""
    from kitadesk.ops.base import write_setting

    with store.session("test") as s:
        write_setting(s, "abschluss_lueckenlos", "nein")
        s.commit()


def stored_lines(store, run_id: int) -> list[PayoutLine]:
    with store.session() as s:
        return list(s.scalars(select(PayoutLine).where(PayoutLine.run_id == run_id).order_by(PayoutLine.id)))


def runs(store) -> list[PayoutRun]:
    with store.session() as s:
        return list(s.scalars(select(PayoutRun).order_by(PayoutRun.jahr, PayoutRun.monat, PayoutRun.lauf)))


def by_position(lines, position: str, child: str | None = "*") -> list:
    return [ln for ln in lines if ln.position == position and (child == "*" or ln.child_nr == child)]


def total(lines) -> Decimal:
    return sum((ln.betrag for ln in lines), Decimal("0.00"))
