"""The office side of every letter (R-V2): letterhead, desk contact, Aktenzeichen, text block
overrides, addresses and salutations — read from the store once per batch.

Settings (table `settings`, only values that differ from the default are stored):
- `brief_kopfzeilen` (lines separated by a line break), `brief_strasse`, `brief_ort`,
  `brief_internet`, `brief_telefon`, `brief_sprechzeiten`, `brief_bank`, `brief_iban`,
  `brief_bic`: the letterhead and footer (defaults: reports.letters.Letterhead);
- `brief_aktenzeichen`: the office's file prefix (default `51.3`);
- `text_<block>`: an edited text block, `<block>` = the key of reports.letters.TEXT_BLOCKS with
  `.` written as `_` (e.g. `text_tpp_entscheidung`, `text_rechtsbehelfsbelehrung`), and
  `text_rueckforderung_<block>` for the Rückforderungsbescheid (see rueckforderung.py).
The desk contact comes from `SrtOffice` (table srt_offices), else from the Richtlinien's
contact block (reports.letters.SRT_CONTACTS).

Aktenzeichen (decision): `<prefix>-<SRT-Kürzel>-<Nr>/<JJJJ>`, e.g. `51.3-MS-T0001/2026`:
SRT-Kürzel MS (Mitte/Süd), O (Ost), N (Nord); Nr = the record's number (the carer for carer
letters and the Jahresbescheinigung, the child for parents' letters); JJJJ = the year the letter
is about. All letters on one file share it; the archive id tells single letters apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.salutation import parents_salutation, person_salutation
from kitadesk.errors import InputError
from kitadesk.models import Carer, Child, SettingValue, SrtOffice
from kitadesk.ops.base import load_actor, unit_of_work
from kitadesk.ops.letters.rueckforderung import DEFAULTS as RUECK_DEFAULTS
from kitadesk.ops.settings import store_value
from kitadesk.reports.letters import SRT_CONTACTS, TEXT_BLOCKS, Address, Letterhead, SrtContact, check_template
from kitadesk.store import Store

SRT_CODES = {"Mitte/Süd": "MS", "Ost": "O", "Nord": "N"}
_HEAD = Letterhead()
LETTER_SETTINGS: dict[str, tuple[str, str]] = {
    # name: (default, label)
    "brief_kopfzeilen": ("\n".join(_HEAD.lines), "Briefkopf (eine Angabe je Zeile)"),
    "brief_strasse": (_HEAD.street, "Briefkopf: Straße"),
    "brief_ort": (_HEAD.city, "Briefkopf: PLZ und Ort"),
    "brief_internet": (_HEAD.internet, "Fußzeile: Internet"),
    "brief_telefon": (_HEAD.phone, "Fußzeile: Telefon (Zentrale)"),
    "brief_sprechzeiten": (_HEAD.office_hours, "Fußzeile: Sprechzeiten"),
    "brief_bank": (_HEAD.bank_name, "Fußzeile: Bank"),
    "brief_iban": (_HEAD.iban, "Fußzeile: IBAN"),
    "brief_bic": (_HEAD.bic, "Fußzeile: BIC"),
    "brief_aktenzeichen": ("51.3", "Aktenzeichen: Kennung vor SRT-Kürzel und Nummer"),
}
TEXT_PREFIX = "text_"


def text_setting_name(key: str) -> str:
    """'tpp.entscheidung' → 'text_tpp_entscheidung'."""
    return TEXT_PREFIX + key.replace(".", "_")


# setting name → text block key (letters' blocks and our Rückforderung blocks)
TEXT_SETTINGS: dict[str, str] = {text_setting_name(k): k for k in (*TEXT_BLOCKS, *RUECK_DEFAULTS)}


@dataclass(frozen=True)
class Office:
    """Everything of the office a batch needs (read once)."""

    letterhead: Letterhead
    prefix: str
    contacts: dict[str, SrtContact]
    overrides: dict[str, str] = field(default_factory=dict)   # text block key → template

    def contact(self, srt: str) -> SrtContact:
        if srt in self.contacts:
            return self.contacts[srt]
        base = SRT_CONTACTS.get(srt)
        return base if base is not None else SrtContact(f"SRT {srt}", "", "")

    def aktenzeichen(self, srt: str, nr: str, year: int) -> str:
        code = SRT_CODES.get(srt) or re.sub(r"[^A-Z0-9]", "", srt.upper())[:3] or "X"
        return f"{self.prefix}-{code}-{nr}/{year}"


def load_office(session: Session) -> Office:
    stored = dict(session.execute(select(SettingValue.name, SettingValue.value)
                                  .where(SettingValue.name.like("brief\\_%", escape="\\")
                                         | SettingValue.name.like("text\\_%", escape="\\"))).all())

    def get(name: str) -> str:
        value = stored.get(name)
        return LETTER_SETTINGS[name][0] if value is None else value

    lines = tuple(line.strip() for line in get("brief_kopfzeilen").splitlines() if line.strip()) or _HEAD.lines
    head = Letterhead(lines=lines, street=get("brief_strasse"), city=get("brief_ort"),
                      internet=get("brief_internet"), phone=get("brief_telefon"),
                      office_hours=get("brief_sprechzeiten"), bank_name=get("brief_bank"),
                      iban=get("brief_iban"), bic=get("brief_bic"))
    contacts = {}
    for row in session.scalars(select(SrtOffice)):
        base = SRT_CONTACTS.get(row.srt) or SrtContact(row.bezeichnung, "", "")
        contacts[row.srt] = SrtContact(row.bezeichnung or base.name, row.raum or base.room,
                                       row.telefon or base.phone, row.email or base.email,
                                       row.ansprechpartner or base.ansprechpartner)
    overrides = {TEXT_SETTINGS[name]: value for name, value in stored.items() if name in TEXT_SETTINGS}
    return Office(head, get("brief_aktenzeichen").strip() or "51.3", contacts, overrides)


def with_person(contact: SrtContact, person: str) -> SrtContact:
    return replace(contact, ansprechpartner=person) if person else contact


# --- recipients ------------------------------------------------------------------------------------

def _town(record) -> tuple[str, str]:
    """('47441 Moers', what is missing) of a record's address; a letter needs street and Ort."""
    street, plz, ort = ((getattr(record, name) or "").strip() for name in ("strasse", "plz", "ort"))
    missing = [label for label, value in (("Straße", street), ("Ort", ort)) if not value]
    return f"{plz} {ort}".strip(), ", ".join(missing)


def carer_address(carer: Carer) -> tuple[Address | None, str, str]:
    """(address or None when incomplete, salutation, problem)."""
    title = {"w": "Frau", "m": "Herrn"}.get(carer.geschlecht or "")
    name = f"{carer.vorname} {carer.nachname}".strip()
    salutation = person_salutation(carer.geschlecht, carer.vorname, carer.nachname)
    town, missing = _town(carer)
    if missing:
        return None, salutation, (f"Anschrift der Tagespflegeperson {carer.nr} ({name}) ist unvollständig: "
                                  f"{missing} fehlt – bitte in den Stammdaten ergänzen.")
    lines = ((title,) if title else ()) + (name, carer.strasse.strip(), town)
    return Address(lines), salutation, ""


def parents_address(child: Child) -> tuple[Address | None, str, str]:
    """The Personensorgeberechtigten of the child (one line per person, at most three)."""
    names = (child.sorgeberechtigte or "").strip()
    if names:
        head = tuple(p.strip() for p in re.split(r";|,", names) if p.strip())[:3]
    else:
        head = ("An die Sorgeberechtigten von", f"{child.vorname} {child.nachname}")
    salutation = parents_salutation(names)
    town, missing = _town(child)
    if missing:
        return None, salutation, (f"Anschrift der Sorgeberechtigten von Kind {child.nr} "
                                  f"({child.vorname} {child.nachname}) ist unvollständig: {missing} fehlt – "
                                  "bitte in den Stammdaten ergänzen.")
    return Address(head + (child.strasse.strip(), town)), salutation, ""


def parents_label(child: Child) -> str:
    """Short recipient for lists: 'Eltern von Mia Beispiel' (the names go to DueLetter.addressee)."""
    return f"Eltern von {child.vorname} {child.nachname}"


# --- the op to edit the letter settings -----------------------------------------------------------

def set_letter_setting(store: Store, user: str, name: str, value: str) -> dict[str, str]:
    """Change a letterhead setting or a text block (right `einstellungen`); the default removes the row.

    Text blocks are checked with reports.letters.check_template (unknown placeholders, braces)."""
    if name in LETTER_SETTINGS:
        default = LETTER_SETTINGS[name][0]
        clean = value.strip() if name != "brief_kopfzeilen" else value.strip("\n")
    elif name in TEXT_SETTINGS:
        key = TEXT_SETTINGS[name]
        default = TEXT_BLOCKS[key].default if key in TEXT_BLOCKS else RUECK_DEFAULTS[key]
        clean = value
        target = key if key in TEXT_BLOCKS else "aenderung." + key.split(".", 1)[1]
        problems = check_template(target, clean)
        if problems:
            raise InputError(f"Textbaustein „{name}“ nicht gespeichert.", problems)
    else:
        known = ", ".join(list(LETTER_SETTINGS)[:3])
        raise InputError(f"Unbekannte Briefeinstellung „{name}“ (z. B. {known} oder text_<Baustein>).")
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("einstellungen")
        store_value(session, name, clean, default)
    return {name: clean}
