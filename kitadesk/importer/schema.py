"""The import workbook of interfaces.md §3 as data: sheets, columns (exact names — a
promise), types, whether a column may be missing (`optional`) or a value left empty
(`required`), the explanation shown as a note in the template, widths and choice lists,
and the domain field of each column (`Column.field`, the one field→column mapping: the
record rules of domain/rules name fields, the import reports columns)."""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from kitadesk.domain.rules import proof
from kitadesk.domain.rules.absence import ABWESENHEIT_ARTEN
from kitadesk.domain.rules.limits import MAX_TRAINING_HOURS, MAX_WEEKLY_HOURS
from kitadesk.domain.statistics import VERWANDTSCHAFTEN
from kitadesk.models.carers import BETREUUNGSORTE, QUALIFIKATIONEN, SRTS

GESCHLECHTER = ("w", "m", "d")
ALTERSSICHERUNG_ARTEN = ("gesetzlich", "privat")
ALTER = ("unter 3", "ab 3")
JA_NEIN = ("ja", "nein")
MAX_MONEY = Decimal("9999999.99")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, date, decimal, int, bool, choice, iban, plz, email, month, timeplan
    note: str
    required: bool = False  # value must not be empty
    optional: bool = False  # column may be missing (interfaces.md "opt.")
    maxlen: int | None = None
    choices: tuple[str, ...] = ()
    places: int = 2
    minimum: Decimal | None = None
    minimum_exclusive: bool = False
    maximum: Decimal | None = None
    nonzero: bool = False
    width: int = 14
    field: str | None = None  # the domain field (domain/rules, model attribute) this column holds

    @property
    def is_date(self) -> bool:
        return self.kind == "date"


@dataclass(frozen=True)
class Sheet:
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    note: str
    optional: bool = False
    by_name: dict = field(init=False, repr=False, compare=False)
    by_field: dict = field(init=False, repr=False, compare=False)  # domain field → column name

    def __post_init__(self):
        object.__setattr__(self, "by_name", {c.name: c for c in self.columns})
        object.__setattr__(self, "by_field", {c.field: c.name for c in self.columns if c.field})

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column_of(self, field_name: str) -> str | None:
        """The column that holds a domain field (None: the sheet has none)."""
        return self.by_field.get(field_name)

    def values(self, row) -> dict:
        """field → value of a row's present columns."""
        values = row.values
        return {f: values[name] for f, name in self.by_field.items() if name in values}


def with_fields(sheet: Sheet, fields: dict[str, str]) -> Sheet:
    """The sheet with each column's domain field set (column name → field name)."""
    return replace(sheet, columns=tuple(replace(c, field=fields.get(c.name)) for c in sheet.columns))


def snake(name: str) -> str:
    """Column name → field name where they differ only in spelling (Tätig_seit → taetig_seit)."""
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("Ä", "ae"), ("Ö", "oe"),
                          ("Ü", "ue")):
        name = name.replace(umlaut, plain)
    return name.lower().replace("-", "")


def text(name, note, maxlen, **kw):
    return Column(name, "text", note, maxlen=maxlen, **kw)


def day(name, note, **kw):
    return Column(name, "date", note, width=12, **kw)


def money(name, note, **kw):
    kw.setdefault("minimum", Decimal(0))
    kw.setdefault("maximum", MAX_MONEY)
    return Column(name, "decimal", note, places=2, **kw)


def hours(name, note, maximum=MAX_WEEKLY_HOURS, **kw):
    return Column(name, "decimal", note, places=2, minimum=Decimal(0), maximum=Decimal(maximum), **kw)


def yes_no(name, note, **kw):
    return Column(name, "bool", note + " (ja/nein)", choices=JA_NEIN, width=10, **kw)


def choice(name, note, values, **kw):
    kw.setdefault("width", max(12, max(len(v) for v in values) + 2))
    return Column(name, "choice", note + f" ({', '.join(values)})", choices=values, **kw)


def whole(name, note, minimum, maximum, **kw):
    return Column(name, "int", note, places=0, minimum=Decimal(minimum), maximum=Decimal(maximum), width=10, **kw)


CARERS = Sheet("Tagespflegepersonen", ("Nr",), (
    text("Nr", "Nummer der Tagespflegeperson (Schlüssel; vorhandene Nr = Änderung)", 20, required=True),
    text("Nachname", "Nachname", 80, required=True, width=18),
    text("Vorname", "Vorname", 80, required=True, width=16),
    day("Geburtsdatum", "Geburtsdatum (TT.MM.JJJJ); mindestens 18 Jahre (R-C1)"),
    choice("Geschlecht", "Geschlecht für die Statistik", GESCHLECHTER, optional=True),
    text("Straße", "Straße und Hausnummer", 120, width=24),
    Column("PLZ", "plz", "Postleitzahl (fünfstellig)", width=8),
    text("Ort", "Ort (nötig für die Anschrift der Bescheide, R-V4)", 80),
    text("Telefon", "Telefon", 40, width=16),
    Column("E-Mail", "email", "E-Mail-Adresse", maxlen=120, width=24),
    choice("SRT", "Sozialraumteam", SRTS, required=True),
    Column("IBAN", "iban", "IBAN für die Auszahlung (wird geprüft)", maxlen=34, width=26),
    choice("Qualifikation", "Qualifikation (R-C3)", QUALIFIKATIONEN, required=True),
    day("Qualifikation_seit", "Datum der QHB- bzw. Fachkraft-Qualifikation; bei Basis leer (R-C5)"),
    day("Tätig_seit", "in der Kindertagespflege tätig seit (Erfahrungsweg R-C5)"),
    choice("Betreuungsort", "Ort der Betreuung; leer = eigener Haushalt", BETREUUNGSORTE, optional=True),
    day("Erlaubnis_vom", "Erlaubnis zur Kindertagespflege erteilt am (R-C6)"),
    day("Erlaubnis_bis", "Erlaubnis gültig bis; leer = 5 Jahre ab Erteilung"),
    whole("Max_Kinder", "Kinder insgesamt laut Erlaubnis; leer = 5 (R-C6)", 1, 15),
    whole("Max_gleichzeitig", "gleichzeitig anwesende Kinder laut Erlaubnis; leer = 5 (R-C6)", 1, 15),
    text("Zusammenschluss", "Name der Großtagespflege (2–3 Tagespflegepersonen), sonst leer", 120,
         optional=True, width=22),
    day("Führungszeugnis_vom", "erweitertes Führungszeugnis vom (alle 5 Jahre, R-C2)"),
    yes_no("Vertretungsplatz", "hält einen Vertretungsplatz (R-G3)"),
    day("Vertretungsplatz_von", "Vertretungsplatz ab (nötig bei Vertretungsplatz = ja)"),
    day("Vertretungsplatz_bis", "Vertretungsplatz bis (leer = offen)", optional=True),
    money("Unfallversicherung_mtl", "Unfallversicherung € je Monat (Nachweis, R-G4)"),
    money("Alterssicherung_mtl", "Alterssicherung € je Monat (Nachweis, R-G4)"),
    choice("Alterssicherung_Art", "Art der Alterssicherung (nötig, wenn ein Betrag angegeben ist)",
           ALTERSSICHERUNG_ARTEN),
    money("Kranken_Pflege_mtl", "Kranken- und Pflegeversicherung € je Monat (Nachweis, R-G4)"),
), "Eine Zeile je Tagespflegeperson.")

CHILDREN = Sheet("Kinder", ("Nr", "Gültig_ab"), (
    text("Nr", "Nummer des Kindes (Schlüssel; vorhandene Nr = Änderung)", 20, required=True),
    text("Nachname", "Nachname", 80, required=True, width=18),
    text("Vorname", "Vorname", 80, required=True, width=16),
    day("Geburtsdatum", "Geburtsdatum (TT.MM.JJJJ)", required=True),
    choice("Geschlecht", "Geschlecht für die Statistik", GESCHLECHTER, optional=True),
    text("Sorgeberechtigte", "Personensorgeberechtigte (Empfänger des Bescheids)", 200, width=28),
    text("Straße", "Straße und Hausnummer", 120, width=24),
    Column("PLZ", "plz", "Postleitzahl (fünfstellig)", width=8),
    text("Ort", "Ort (nötig für die Anschrift der Bescheide, R-V4)", 80),
    text("Familie_Nr", "Geschwister haben dieselbe Familie_Nr; leer = eigene Familie", 20),
    money("Jahreseinkommen", "Jahreseinkommen der Familie in €; leer = keine Erklärung (höchste Stufe); "
                             "bei Geschwistern gleich"),
    day("Antrag_vom", "Antrag der Eltern vom"),
    yes_no("Besonderer_Bedarf", "besonderer Betreuungsbedarf (R-G3)"),
    yes_no("LVR_Inklusionshilfe", "LVR gewährt Inklusionshilfe (dann kein Zuschlag, R-G3)"),
    yes_no("Beitragsfrei", "beitragsfrei (R-E1)", optional=True),
    whole("Geschwister_in_Kita", "Anzahl der Geschwister in einer Kita (Geschwisterregel)", 0, 20, optional=True),
    yes_no("Herkunft_Ausland", "mindestens ein Elternteil ausländischer Herkunft (Statistik R-S1)"),
    yes_no("Sprache_nicht_deutsch", "zu Hause vorrangig nicht Deutsch gesprochen (Statistik R-S1)"),
    choice("Verwandtschaft", "Verwandtschaft zur Tagespflegeperson (Statistik R-S1)", VERWANDTSCHAFTEN,
           optional=True),
    yes_no("Eingliederungshilfe", "Eingliederungshilfe (Statistik R-S1); leer = ja, wenn LVR_Inklusionshilfe",
           optional=True),
    Column("Ermäßigung_Prozent", "decimal", "Ermäßigung/Erlass des Elternbeitrags in Prozent (R-E2)",
           places=2, minimum=Decimal(0), minimum_exclusive=True, maximum=Decimal(100)),
    day("Ermäßigung_ab", "Ermäßigung ab; nicht vor dem Antrag (R-E2)"),
    day("Ermäßigung_Antrag_vom", "Antrag auf Ermäßigung vom (R-E2)", optional=True),
    day("Gültig_ab", "Besonderer_Bedarf, LVR_Inklusionshilfe, Jahreseinkommen, Beitragsfrei und "
                     "Geschwister_in_Kita gelten ab diesem Datum (R-K2); leer = ab Beginn der ersten Betreuung",
        optional=True),
), "Eine Zeile je Kind; eine Änderung von Bedarf, Einkommen oder Beitragsfreiheit ist eine weitere Zeile "
   "mit Gültig_ab (übrige Spalten gleich).")

PLACEMENTS = Sheet("Betreuungen", ("Kind_Nr", "TPP_Nr", "Beginn", "Gültig_ab"), (
    text("Kind_Nr", "Nr des Kindes (Blatt Kinder oder schon in KitaDesk)", 20, required=True),
    text("TPP_Nr", "Nr der Tagespflegeperson", 20, required=True),
    day("Beginn", "Beginn der Betreuung", required=True),
    day("Ende", "Ende der Betreuung (leer = offen)", optional=True),
    hours("Wochenstunden", "vertraglich vereinbarte Stunden je Woche; mit Zeitplan = dessen Summe",
          required=True, minimum_exclusive=True),
    hours("Randzeitstunden", "Stunden je Woche vor 7:00, nach 19:00, Sa/So; mit Zeitplan leer lassen "
                             "oder gleich dem Zeitplan (bei Nachtbetreuung im Haushalt der Eltern zählt "
                             "21:00–6:00 nicht, R-G7)", optional=True),
    whole("Übernachtungen", "Übernachtungen je Woche bei der Tagespflegeperson (R-G7)", 0, 7, optional=True),
    yes_no("Nacht_im_Haushalt_der_Eltern", "Nachtbetreuung im Haushalt der Eltern (R-G7): die Nachtstunden sind "
           "gewöhnliche Stunden zum Tagessatz, keine Randzeit", optional=True),
    Column("Zeitplan", "timeplan", "z. B. Mo 06:30-15:00; Di 06:30-12:00, 14:00-18:00; Sa 08:00-12:00",
           maxlen=500, optional=True, width=44),
    day("Gültig_ab", "geänderte Fassung ab diesem Datum (R-K4); leer = ab Beginn", optional=True),
), "Eine Zeile je Betreuung; eine Änderung (Stunden, Zeitplan) ist eine weitere Zeile mit Gültig_ab.")

PROOFS = Sheet("Nachweise", ("TPP_Nr", "Art", "Gültig_von"), (
    text("TPP_Nr", "Nr der Tagespflegeperson", 20, required=True),
    choice("Art", "Art des Nachweises", tuple(proof.ARTEN), required=True),
    money("Betrag", "Betrag in € laut Nachweis", required=True),
    choice("Je", "Betrag je Monat oder je Jahr", tuple(proof.JE), required=True),
    choice("Alterssicherung_Art", "nur bei Alterssicherung: gesetzlich oder privat (R-G4)", ALTERSSICHERUNG_ARTEN,
           optional=True),
    day("Gültig_von", "Nachweis gültig ab", required=True),
    day("Gültig_bis", "Nachweis gültig bis (leer = offen)", optional=True),
), "Erstattungsnachweise (R-G4) mit Gültigkeit; statt der Spalten *_mtl im Blatt Tagespflegepersonen "
   "(nicht beides für dieselbe Tagespflegeperson und Art).", optional=True)

ABSENCES = Sheet("Abwesenheiten", ("TPP_Nr", "Von"), (
    text("TPP_Nr", "Nr der Tagespflegeperson", 20, required=True),
    day("Von", "erster Tag", required=True),
    day("Bis", "letzter Tag", required=True),
    choice("Art", "Art der Abwesenheit", ABWESENHEIT_ARTEN, required=True),
    text("Vertretung_TPP_Nr", "Nr der vom Fachdienst vermittelten Vertretung (R-G5), sonst leer", 20,
         optional=True),
), "Urlaub, Krankheit und sonstige Abwesenheiten der Tagespflegepersonen (R-G5).", optional=True)

TRAININGS = Sheet("Fortbildungen", ("TPP_Nr", "Datum", "Titel"), (
    text("TPP_Nr", "Nr der Tagespflegeperson", 20, required=True),
    day("Datum", "Datum der Fortbildung", required=True),
    text("Titel", "Titel", 200, required=True, width=36),
    hours("Stunden", "Stunden", maximum=str(MAX_TRAINING_HOURS), required=True, minimum_exclusive=True),
), "Fortbildungen (mindestens 5 Stunden je Jahr, R-C4).", optional=True)

HOLIDAY_CARE = Sheet("Monatsmeldungen", ("Kind_Nr", "Datum"), (
    text("Kind_Nr", "Nr des Kindes", 20, required=True),
    day("Datum", "gesetzlicher Feiertag (NRW) mit Betreuung", required=True),
    hours("Stunden", "betreute Stunden an diesem Tag", maximum="24", required=True, minimum_exclusive=True),
), "Betreuung an Feiertagen (Feiertagszuschlag, berechnung.md §5).", optional=True)

SPECIAL = Sheet("Sonderbeträge", ("TPP_Nr", "Monat", "Grund"), (
    text("TPP_Nr", "Nr der Tagespflegeperson", 20, required=True),
    text("Kind_Nr", "Nr des Kindes (optional)", 20, optional=True),
    Column("Monat", "month", "Monat im Format JJJJ-MM", required=True, width=10),
    money("Betrag", "Betrag in € (negativ = Abzug)", required=True, minimum=-MAX_MONEY, nonzero=True),
    text("Grund", "Begründung der Einzelfallentscheidung (R-G11)", 300, required=True, width=40),
), "Einzelfallbeträge (R-G11); nur mit dem Recht „Einzelfallbeträge erfassen“.", optional=True)

FEES = Sheet("Beitragstabelle", ("Gültig_ab", "Alter", "Einkommen_bis", "Stunden_bis"), (
    day("Gültig_ab", "Tabelle gültig ab", required=True),
    choice("Alter", "Altersgruppe", ALTER, required=True),
    money("Einkommen_bis", "Jahreseinkommen bis € (einschließlich); leer = oberste Stufe"),
    hours("Stunden_bis", "Wochenstunden bis (einschließlich), z. B. 25, 35, 45", required=True,
          minimum_exclusive=True),
    money("Beitrag", "Elternbeitrag € je Monat", required=True),
), "Anlage 2 der Elternbeitragssatzung: jede Einkommensstufe × Stundenband für beide Altersgruppen.",
    optional=True)

RATES = Sheet("Sätze", ("Gültig_ab",), (
    day("Gültig_ab", "Satztabelle gültig ab", required=True),
    Column("Stundensatz_Basis", "decimal", "€ je Stunde, Stufe basis (R-G1)", required=True, places=4,
           minimum=Decimal(0), minimum_exclusive=True, maximum=Decimal(1000)),
    Column("Stundensatz_Qualifiziert", "decimal", "€ je Stunde, Stufe qualifiziert (R-G1)", required=True,
           places=4, minimum=Decimal(0), minimum_exclusive=True, maximum=Decimal(1000)),
    Column("Randzeitzuschlag", "decimal", "€ je Stunde und Kind in Randzeiten (R-G3)", required=True,
           places=4, minimum=Decimal(0), maximum=Decimal(1000)),
    money("Vertretungsplatz_Pauschale", "€ je Monat für einen Vertretungsplatz; leer = 0"),
    Column("Zuschlag_Besonderer_Bedarf_Prozent", "decimal", "Zuschlag besonderer Bedarf in %; leer = 30",
           places=2, minimum=Decimal(0), maximum=Decimal(100)),
    money("Hoechstbetrag_Unfallversicherung", "Höchstbetrag Unfallversicherung € je Monat; leer = keiner",
          optional=True),
    money("Mindestbeitrag_Alterssicherung", "gesetzlicher Mindestbeitrag Alterssicherung € je Monat",
          optional=True),
    money("Hoechstbetrag_Kranken_Pflege", "Höchstbetrag Kranken-/Pflegeversicherung € je Monat",
          optional=True),
), "Satztabellen (R-G2); die Leitung bestätigt neue Tabellen.", optional=True)

PROOF_SHORTCUTS = (("unfall", "Unfallversicherung_mtl"), ("alter", "Alterssicherung_mtl"),
                   ("kranken", "Kranken_Pflege_mtl"))  # stored Art → monthly column of Tagespflegepersonen


def _same(sheet: Sheet, *skip: str, **other: str) -> dict[str, str]:
    """column → field: the column's own name in snake case, unless named in `other` or `skip`."""
    return {c.name: other.get(c.name, snake(c.name)) for c in sheet.columns if c.name not in skip}


CARERS = with_fields(CARERS, _same(CARERS, "Unfallversicherung_mtl", "Alterssicherung_mtl", "Kranken_Pflege_mtl",
                                   **{"E-Mail": "email", "Straße": "strasse", "Alterssicherung_Art": "alter_art"}))
CHILDREN = with_fields(CHILDREN, _same(CHILDREN, **{"Straße": "strasse", "LVR_Inklusionshilfe": "lvr_inklusionshilfe",
                                                    "Gültig_ab": "gueltig_ab"}))
PLACEMENTS = with_fields(PLACEMENTS, _same(PLACEMENTS, Kind_Nr="child_nr", TPP_Nr="carer_nr"))
PROOFS = with_fields(PROOFS, _same(PROOFS, TPP_Nr="carer_nr", Alterssicherung_Art="alter_art", Gültig_von="von",
                                   Gültig_bis="bis"))
ABSENCES = with_fields(ABSENCES, _same(ABSENCES, TPP_Nr="carer_nr", Vertretung_TPP_Nr="substitute_nr"))
HOLIDAY_CARE = with_fields(HOLIDAY_CARE, _same(HOLIDAY_CARE, Kind_Nr="child_nr"))
SPECIAL = with_fields(SPECIAL, _same(SPECIAL, TPP_Nr="carer_nr", Kind_Nr="child_nr"))
FEES = with_fields(FEES, _same(FEES))
RATES = with_fields(RATES, _same(RATES))
SHEETS: tuple[Sheet, ...] = (CARERS, CHILDREN, PLACEMENTS, PROOFS, ABSENCES, TRAININGS, HOLIDAY_CARE, SPECIAL, FEES,
                             RATES)
SHEET_NAMES = [s.name for s in SHEETS]
BY_NAME = {s.name: s for s in SHEETS}
COLUMN_ORDER = {s.name: s.column_names for s in SHEETS}
EXTRA_SHEETS = ("Hinweise",)  # written by the template, ignored on import
