"""Create and update carers (Kindertagespflegepersonen) with permit and Führungszeugnis."""

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.rules.carer import fuehrungszeugnis_end
from kitadesk.models import Carer, CarerDocument, Erlaubnis
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.records.common import _for_update, _require_edit, _require_sensitive, _unique_nr
from kitadesk.ops.records.forms import (
    FUEHRUNGSZEUGNIS,
    KEEP,
    CarerData,
    Change,
    _Keep,
    _raise_problems,
    carer_problems,
    permit_end,
)
from kitadesk.store import Store

_CARER_FIELDS = ("nr", "nachname", "vorname", "srt", "geburtsdatum", "strasse", "plz", "ort", "telefon", "email",
                 "qualifikation", "qualifikation_seit", "taetig_seit", "taetig_bis", "betreuungsort",
                 "erste_hilfe_am", "para8a_am")


def _apply_carer(session: Session, carer: Carer, data: CarerData) -> None:
    for name in _CARER_FIELDS:
        value = getattr(data, name)
        if getattr(carer, name) != value:
            setattr(carer, name, value.strip() if isinstance(value, str) else value)
    if (carer.geschlecht or "") != data.geschlecht:
        carer.geschlecht = data.geschlecht or None
    if (carer.schulabschluss or "") != data.schulabschluss:
        carer.schulabschluss = data.schulabschluss or None
    from schwifty import IBAN  # on first use: not at the window's start (issue 17)
    from schwifty.exceptions import SchwiftyException

    given = data.iban  # KEEP: hidden from this user, the stored IBAN stays
    iban = carer.iban if isinstance(given, _Keep) else (IBAN(given).compact if given.strip() else None)
    if carer.iban != iban:
        carer.iban = iban
        try:
            carer.bic = str(IBAN(iban).bic) if iban and IBAN(iban).bic else None
        except SchwiftyException:
            carer.bic = None
    if data.erlaubnis_vom is not None:
        bis = permit_end(data)
        current = carer.permits[-1] if carer.permits else None
        if current is None or current.vom != data.erlaubnis_vom:  # a new permit, the old one stays on file
            carer.permits.append(Erlaubnis(vom=data.erlaubnis_vom, bis=bis, max_kinder=data.max_kinder,
                                           max_gleichzeitig=data.max_gleichzeitig,
                                           betreuungsort=data.betreuungsort))
        else:
            for name, value in (("bis", bis), ("max_kinder", data.max_kinder),
                                ("max_gleichzeitig", data.max_gleichzeitig), ("betreuungsort", data.betreuungsort)):
                if getattr(current, name) != value:
                    setattr(current, name, value)
    if data.fuehrungszeugnis_vom is not None:
        latest = None
        if carer.id is not None:
            latest = session.scalar(select(CarerDocument.erhalten_am).where(
                CarerDocument.carer_id == carer.id, CarerDocument.art == FUEHRUNGSZEUGNIS,
                CarerDocument.person == "").order_by(CarerDocument.erhalten_am.desc()).limit(1))
        if latest != data.fuehrungszeugnis_vom:
            session.add(CarerDocument(carer_id=carer.id, art=FUEHRUNGSZEUGNIS, person="",
                                      erhalten_am=data.fuehrungszeugnis_vom,
                                      gueltig_bis=fuehrungszeugnis_end(data.fuehrungszeugnis_vom)))


def create_carer(store: Store, user: str, data: CarerData, today: date | None = None) -> Change:
    today = today or date.today()
    _raise_problems("Tagespflegeperson", carer_problems(replace(data, in_group=False), today))
    with unit_of_work(store, user) as s:
        actor = load_actor(s, user)
        _require_edit(actor, None, data.srt)
        _require_sensitive(actor, data.srt, data.iban)
        _unique_nr(s, Carer, data.nr.strip(), None, "Tagespflegeperson")
        carer = Carer(nr=data.nr.strip(), nachname=data.nachname, vorname=data.vorname, srt=data.srt)
        s.add(carer)
        s.flush()
        _apply_carer(s, carer, data)
        s.flush()
        return Change("carer", carer.id, carer.version, "neu", entities=frozenset({"carer"}))


def update_carer(store: Store, user: str, carer_id: int, version: int, data: CarerData,
                 today: date | None = None) -> Change:
    today = today or date.today()
    with unit_of_work(store, user) as s:
        carer, actor = _for_update(s, user, Carer, carer_id, version, data, "Tagespflegeperson")
        data = replace(data, in_group=carer.zusammenschluss_id is not None)  # R-C6 limits of the stored group
        _raise_problems("Tagespflegeperson", carer_problems(data, today))
        if data.iban is not KEEP and data.iban != (carer.iban or ""):
            _require_sensitive(actor, carer.srt, data.iban)
        _apply_carer(s, carer, data)
        s.flush()
        return Change("carer", carer.id, carer.version, "geändert",
                      entities=frozenset({"carer", "placement", "child"}))
