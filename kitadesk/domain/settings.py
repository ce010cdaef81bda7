"""Registry of the Auslegungen (berechnung.md §11): name, default, alternatives, explanation.

The settings screen is generated from this registry; the database stores only
values that differ from the default.
"""

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    alternatives: tuple[str, ...]
    section: str
    label: str
    explanation: str
    free_value: bool = False  # any value allowed (numbers), not only the alternatives

    @property
    def choices(self) -> tuple[str, ...]:
        return (self.default, *self.alternatives)

    def validate(self, value: str) -> str:
        value = str(value).strip()
        if self.free_value:
            if not value.isdigit():
                raise ValueError(f"Einstellung {self.name}: „{value}“ ist keine ganze Zahl.")
            return value
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
            "Abstand der Auffrischung des Erste-Hilfe-Kurses am Kind.", free_value=True),
    Setting("wiedervorlage_tage", "60", (), "R-W1", "Wiedervorlage (Tage)",
            "Vorlauf der Wiedervorlagen in Tagen.", free_value=True),
)

BY_NAME = {s.name: s for s in REGISTRY}


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
