"""The one registry of office settings: name, default, allowed values, label, rule, right.

Four groups, one shape (issue 17 item 5):
- `AUSLEGUNGEN` — the interpretations of berechnung.md §11 (the pure calculation reads them
  through `Auslegungen`);
- `PAYER` — payer data of the SEPA file (interfaces.md §4);
- `SYSTEM` — sign-in, automatic backups, retention (issue 8);
- `HOCHRECHNUNG` — assumptions of the year-ahead projection (issue 20).
The settings page, `kitadesk einstellungen` and the audit all read this registry; the database
stores only values that differ from the default. Window state (user scope) lives in QSettings.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

AUSLEGUNG, ZAHLUNG, SYSTEM_GROUP, HOCHRECHNUNG_GROUP = "Auslegungen", "Zahlungsdaten", "System", "Hochrechnung"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    alternatives: tuple[str, ...]
    section: str  # the rule or paragraph it implements (berechnung.md §…, R-…, interfaces.md §…)
    label: str
    explanation: str
    free_value: bool = False  # a whole number instead of a choice (see `bounds`)
    bounds: tuple[int, int] = (0, 9999)
    group: str = AUSLEGUNG
    check: Callable[[str], str] | None = None  # free text: cleans or raises ValueError (German)
    right: str = "einstellungen"
    allowed: str = ""  # for `check` settings: what may be entered, in words

    @property
    def choices(self) -> tuple[str, ...]:
        return (self.default, *self.alternatives)

    @property
    def allowed_text(self) -> str:
        """What may be entered, for messages and the settings list."""
        if self.free_value:
            return f"ganze Zahl von {self.bounds[0]} bis {self.bounds[1]}"
        if self.check is not None:
            return self.allowed or "Text"
        return ", ".join(self.choices)

    def validate(self, value: str) -> str:
        value = str(value).strip()
        if self.check is not None:
            return self.check(value)
        if self.free_value:
            low, high = self.bounds
            if not value.isdigit() or not low <= int(value) <= high:
                raise ValueError(f"Einstellung {self.name}: „{value}“ ist keine {self.allowed_text}.")
            return str(int(value))
        if value not in self.choices and value.replace(",", ".") in self.choices:
            value = value.replace(",", ".")  # 4,33 as the office types it
        if value not in self.choices:
            raise ValueError(
                f"Einstellung {self.name}: „{value}“ ist nicht erlaubt "
                f"(erlaubt: {', '.join(self.choices)})."
            )
        return value


REGISTRY: tuple[Setting, ...] = (
    Setting("monatsfaktor", "52/12", ("4.33", "4.35"), "§3", "Monatsfaktor",
            "Wandelt Wochenstunden in Monatsstunden um (52 Wochen / 12 Monate)."),
    Setting("erhoehung_auch_zuschlaege", "nein", ("ja",), "§2", "Jährliche Erhöhung auch für Zuschläge",
            "Die Erhöhung um 1,5 % zum 1. Januar gilt auch für Randzeitzuschlag und Vertretungsplatzpauschale."),
    Setting("nacht_als_randzeit", "ja", ("nein",), "§5", "Übernachtung als Randzeit",
            "Die 2 pauschalen Stunden je Übernachtung erhalten den Randzeitenzuschlag."),
    Setting("zuschlag_basis", "betreuung", ("betreuung_und_mba",), "§5", "Basis des Zuschlags besonderer Bedarf",
            "Ob die Stunde mittelbare Bildungsarbeit in den 30-%-Zuschlag eingeht."),
    Setting("erstattung_anteilig", "nein", ("ja",), "§6", "Erstattungen anteilig",
            "Erstattungen nach R-G4 nur für die Tage mit aktiver Betreuung (ja) oder voll je Monat (nein)."),
    Setting("ausfall_jahr", "kalenderjahr", ("kitajahr",), "§7", "Bezugsjahr der 6 Wochen Ausfall",
            "Kalenderjahr oder Kitajahr (1. August bis 31. Juli)."),
    Setting("ausfall_zaehlweise", "arbeitstage", ("kalendertage",), "§7", "Zählweise der Ausfallzeit",
            "30 Arbeitstage (Mo–Fr ohne NRW-Feiertage) oder 42 Kalendertage."),
    Setting("ausfall_sonstiges", "zaehlt", ("unbezahlt",), "§7", "Abwesenheit „sonstiges“",
            "Sonstige Abwesenheiten zählen auf die 6 Wochen an oder werden nie bezahlt."),
    Setting("ausfall_ueber_6_wochen", "unbezahlt", ("bezahlt",), "§7", "Ausfall über 6 Wochen",
            "Kindbezogene Leistungen über die 6 Wochen hinaus werden nicht gezahlt (oder doch)."),
    Setting("vertretung_satz", "vertretung", ("original",), "§7", "Satz der Vertretung",
            "Die Vertretung erhält den Satz ihrer eigenen Stufe oder den der vertretenen Person."),
    Setting("vertretungsplatz_bei_abwesenheit", "weiter", ("ruht",), "§7", "Vertretungsplatz bei Abwesenheit",
            "Die Vertretungsplatzpauschale läuft bei eigener Abwesenheit weiter oder ruht."),
    Setting("einkommen_ohne_erklaerung", "hoechste_stufe", ("keine_festsetzung",), "§9",
            "Einkommen ohne Erklärung",
            "Ohne Einkommenserklärung gilt die höchste Stufe, oder der Beitrag wird nicht festgesetzt und gelistet."),
    Setting("beitrag_anteilig", "nein", ("ja",), "§9", "Elternbeitrag anteilig",
            "Beitrag tageweise anteilig im ersten/letzten Monat statt volle Monate."),
    Setting("geschwister", "nur_hoechster", ("alle_zahlen",), "§9", "Geschwisterregelung",
            "Nur der höchste Beitrag einer Familie wird erhoben, oder alle Kinder zahlen."),
    Setting("stufe_erfahrung", "5_jahre_und_fortbildung", ("aus",), "R-C5", "Stufe über Erfahrung",
            "Qualifizierte Stufe auch nach 5 Jahren Tätigkeit mit jährlicher Fortbildung."),
    Setting("erste_hilfe_intervall_jahre", "2", (), "R-C3", "Erste-Hilfe-Auffrischung (Jahre)",
            "Abstand der Auffrischung des Erste-Hilfe-Kurses am Kind.", free_value=True, bounds=(1, 10)),
    Setting("wiedervorlage_tage", "60", (), "R-W1", "Wiedervorlage (Tage)",
            "Vorlauf der Wiedervorlagen in Tagen.", free_value=True, bounds=(1, 365)),
)
AUSLEGUNGEN = REGISTRY
BY_NAME = {s.name: s for s in REGISTRY}  # the Auslegungen only: what a payout run uses and stores


def _iban(value: str) -> str:
    from schwifty import IBAN

    try:
        return str(IBAN(value).compact)
    except ValueError as exc:  # schwifty's errors are ValueError subclasses with English texts
        raise ValueError(f"Einstellung sepa_iban: „{value}“ ist keine gültige IBAN.") from exc


def _bic(value: str) -> str:
    value = value.replace(" ", "").upper()
    if value and not re.fullmatch(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?", value):
        raise ValueError(f"Einstellung sepa_bic: „{value}“ ist keine gültige BIC.")
    return value


def _day(value: str) -> str:
    if not value.isdigit() or not 1 <= int(value) <= 28:
        raise ValueError(f"Einstellung sepa_ausfuehrung_tag: „{value}“ muss ein Tag von 1 bis 28 sein.")
    return str(int(value))


def _text(name: str, limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value or len(value) > limit:
            raise ValueError(f"Einstellung {name}: bitte 1 bis {limit} Zeichen angeben.")
        return value
    return check


PAIN_VERSIONS = ("pain.001.001.11", "pain.001.001.10", "pain.001.001.09", "pain.001.001.03")  # sepaxml's schemas


def _pain(value: str) -> str:
    if value and value not in PAIN_VERSIONS:
        raise ValueError(f"Einstellung sepa_pain_version: „{value}“ ist nicht erlaubt "
                         f"(erlaubt: leer = neueste, {', '.join(PAIN_VERSIONS)}).")
    return value


# Payer of the credit transfers (interfaces.md §4). The default account is the official EXAMPLE IBAN:
# SEPA files are refused until the office enters the Stadtkasse's account (reports/sepa.py).
EXAMPLE_PAYER_IBAN = "DE02120300000000202051"
EXAMPLE_PAYER_BIC = "BYLADEM1001"
PAYER: tuple[Setting, ...] = (
    Setting("sepa_name", "Stadt Moers", (), "interfaces.md §4", "Auftraggeber (Name)",
            "Name des Auftraggebers in der SEPA-Datei.", group=ZAHLUNG, check=_text("sepa_name", 70),
            allowed="Text, 1 bis 70 Zeichen"),
    Setting("sepa_iban", EXAMPLE_PAYER_IBAN, (), "interfaces.md §4", "Auftraggeber-IBAN",
            "Konto der Stadtkasse, von dem überwiesen wird.", group=ZAHLUNG, check=_iban,
            allowed="gültige IBAN"),
    Setting("sepa_bic", EXAMPLE_PAYER_BIC, (), "interfaces.md §4", "Auftraggeber-BIC",
            "BIC des Auftraggeberkontos (leer = ohne BIC).", group=ZAHLUNG, check=_bic,
            allowed="BIC (8 oder 11 Zeichen) oder leer"),
    # execution on this day of the month after the payout month (ops/payout_report.payer_for)
    Setting("sepa_ausfuehrung_tag", "1", (), "interfaces.md §4", "Ausführungstag im Folgemonat",
            "Tag des Folgemonats, an dem die Überweisungen ausgeführt werden (1–28).", group=ZAHLUNG,
            check=_day, allowed="Tag von 1 bis 28"),
    Setting("sepa_pain_version", "", (), "interfaces.md §4", "pain.001-Version",
            "Leer = die neueste Version, die die Bibliothek kennt; sonst die Version, die die Bank der "
            "Stadtkasse verlangt.", group=ZAHLUNG, check=_pain,
            allowed="leer (= neueste) oder pain.001.001.03/09/10/11"),
)

SYSTEM: tuple[Setting, ...] = (
    Setting("anmeldung_passwort", "nein", ("ja",), "Anmeldung", "Anmeldung mit Passwort",
            "Anmeldung zusätzlich mit Passwort; sonst über das Windows-Konto. Ohne Eintrag: ja auf der "
            "gemeinsamen PostgreSQL-Datenbank, nein auf der lokalen SQLite-Datei.", group=SYSTEM_GROUP),
    Setting("backup_anzahl", "14", (), "Sicherung", "Tägliche Sicherungen (Anzahl)",
            "Anzahl der täglichen automatischen Sicherungen der eingebetteten Datenbank.", free_value=True,
            bounds=(1, 100), group=SYSTEM_GROUP),
    Setting("abschluss_lueckenlos", "ja", ("nein",), "berechnung.md §8", "Monate lückenlos abschließen",
            "Auszahlungsmonate nur der Reihe nach abschließen: nach dem zuletzt abgeschlossenen Monat nur dessen "
            "Folgemonat (sonst bliebe ein nie berechneter Monat unbezahlt).", group=SYSTEM_GROUP),
    Setting("aufbewahrung_jahre", "10", (), "Datenschutz", "Aufbewahrung (Jahre)",
            "Aufbewahrung in Jahren nach dem Ende der letzten Betreuung (Datenschutz).", free_value=True,
            bounds=(1, 100), group=SYSTEM_GROUP),
)

# The year ahead (issue 20, domain/projection.py): not an Auslegung of the payout (runs do not store it).
# Default kitajahr: R-K1 "from 3 a Kita place has priority" — Kita places are given from 1 August.
HOCHRECHNUNG: tuple[Setting, ...] = (
    Setting("projektion_abgang_mit_3", "kitajahr", ("geburtstag", "nein"), "R-K1", "Abgang mit 3 Jahren (Hochrechnung)",
            "Die Hochrechnung nimmt an, dass Kinder nach dem 3. Geburtstag in die Kita wechseln: zum 1. August "
            "danach (kitajahr), am Geburtstag (geburtstag) oder gar nicht (nein).", group=HOCHRECHNUNG_GROUP),
)

ALL: tuple[Setting, ...] = (*AUSLEGUNGEN, *PAYER, *SYSTEM, *HOCHRECHNUNG)
SETTINGS = {s.name: s for s in ALL}  # every office setting by name


def find(name: str) -> Setting:
    """The setting called `name`, or ValueError naming the known ones (German)."""
    try:
        return SETTINGS[name.strip()]
    except KeyError:
        raise ValueError(f"Unbekannte Einstellung: „{name}“ (bekannt: {', '.join(SETTINGS)}).") from None


@dataclass(frozen=True)
class Auslegungen:
    """Resolved setting values, passed into the pure calculations."""

    values: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> str:
        if name not in BY_NAME:
            raise KeyError(f"Unbekannte Einstellung: {name}")
        return self.values.get(name, BY_NAME[name].default)

    def with_(self, **changes: str) -> "Auslegungen":
        merged = dict(self.values)
        for name, value in changes.items():
            merged[name] = BY_NAME[name].validate(value)
        return Auslegungen(merged)

    def is_(self, name: str, value: str) -> bool:
        return self[name] == value

    @property
    def monatsfaktor(self) -> Fraction:
        raw = self["monatsfaktor"]
        num, _, den = raw.partition("/")
        return Fraction(int(num), int(den)) if den else Fraction(raw)

    @property
    def monatsfaktor_text(self) -> str:
        """The factor as shown in explanations: '52/12', '4,33'."""
        return self["monatsfaktor"].replace(".", ",")

    def as_dict(self) -> dict[str, str]:
        return {s.name: self[s.name] for s in REGISTRY}


DEFAULTS = Auslegungen()
