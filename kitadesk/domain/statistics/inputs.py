"""Inputs of the statistics (R-S1, R-S2): the constants and the plain dataclasses the ops build
from the store (no names in the outputs; names only in the list of missing fields)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

CONTINUITY_GAP_DAYS = 7
VERWANDTSCHAFTEN = ("Großeltern", "andere Verwandte", "nicht verwandt")
GESCHLECHT = {"w": "weiblich", "m": "männlich", "d": "divers"}
KIND, TPP = "Kind", "Tagespflegeperson"
GESAMT = "Gesamt"
SRT_ORDER = ("Mitte/Süd", "Ost", "Nord")
AGE_GROUPS = ("unter 1 Jahr", "1 bis unter 3 Jahre", "3 Jahre und älter")
HOUR_BANDS = ("bis 25 Std.", "über 25 bis 35 Std.", "über 35 bis 45 Std.", "über 45 Std.")
HOUR_BANDS_SHORT = ("bis 25 Std.", "25–35 Std.", "35–45 Std.", "über 45 Std.")
HOUR_LIMITS = (Decimal(25), Decimal(35), Decimal(45))
ZERO = Decimal("0.00")

# R-S1 fields in the list of missing fields
F_GESCHLECHT = "Geschlecht"
F_HERKUNFT = "ausländische Herkunft eines Elternteils"
F_SPRACHE = "vorrangig gesprochene Familiensprache"
F_VERWANDT = "Verwandtschaft zur Tagespflegeperson"
F_TAGE = "Betreuungstage je Woche (kein Zeitplan)"
F_TAGE_FEHLER = "Betreuungstage je Woche (Zeitplan fehlerhaft)"
F_GEBURTSJAHR = "Geburtsjahr"


# ------------------------------------------------------------------ inputs (plain data)

@dataclass(frozen=True)
class StatVersion:
    """A placement version from `gueltig_ab` (R-K4)."""

    gueltig_ab: date
    wochenstunden: Decimal
    zeitplan: str | None = None


@dataclass(frozen=True)
class StatPlacement:
    child_nr: str
    carer_nr: str
    beginn: date
    ende: date | None
    versions: tuple[StatVersion, ...] = ()

    def active_on(self, day: date) -> bool:
        return self.beginn <= day and (self.ende is None or self.ende >= day)

    def version_on(self, day: date) -> StatVersion | None:
        if len(self.versions) == 1:
            return self.versions[0]
        valid = [v for v in self.versions if v.gueltig_ab <= day]
        if valid:
            return max(valid, key=lambda v: v.gueltig_ab)
        return min(self.versions, key=lambda v: v.gueltig_ab) if self.versions else None


@dataclass(frozen=True)
class StatChild:
    nr: str
    nachname: str
    vorname: str
    geburtsdatum: date
    srt: str
    geschlecht: str | None = None
    herkunft_ausland: bool | None = None
    sprache_nicht_deutsch: bool | None = None
    verwandtschaft: str | None = None
    eingliederungshilfe: bool | None = None
    lvr: tuple[tuple[date, bool], ...] = ()  # (gültig ab, LVR-Inklusionshilfe), R-K2

    def lvr_on(self, day: date) -> bool:
        valid = [(ab, flag) for ab, flag in self.lvr if ab <= day]
        return max(valid)[1] if valid else False


@dataclass(frozen=True)
class StatPermit:
    vom: date
    bis: date
    max_kinder: int
    betreuungsort: str = "eigener Haushalt"

    def valid_on(self, day: date) -> bool:
        return self.vom <= day <= self.bis


@dataclass(frozen=True)
class StatCarer:
    nr: str
    nachname: str
    vorname: str
    srt: str
    qualifikation: str = "Basis"
    qualifikation_seit: date | None = None
    geschlecht: str | None = None
    geburtsdatum: date | None = None
    betreuungsort: str = "eigener Haushalt"
    zusammenschluss: str | None = None
    taetig_seit: date | None = None
    taetig_bis: date | None = None
    permits: tuple[StatPermit, ...] = ()

    def permit_on(self, day: date) -> StatPermit | None:
        valid = [p for p in self.permits if p.valid_on(day)]
        return max(valid, key=lambda p: p.vom) if valid else None

    def qualification_on(self, day: date) -> str:
        if self.qualifikation_seit is not None and self.qualifikation_seit > day:
            return "Basis"
        return self.qualifikation

    def place_on(self, day: date) -> str:
        permit = self.permit_on(day)
        return permit.betreuungsort if permit else self.betreuungsort

    def working_on(self, day: date) -> bool:
        return (self.taetig_seit is None or self.taetig_seit <= day) and (
            self.taetig_bis is None or self.taetig_bis >= day)
