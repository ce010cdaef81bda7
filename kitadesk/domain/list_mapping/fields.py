"""Target fields of a list mapping: a column of a §3 sheet ("Kinder.Nachname") or a
pseudo field the mapping resolves (a merged name cell, a carer named instead of numbered).
Synonyms are the headers offices write; they are compared folded (`names.search_fold`)."""

from dataclasses import dataclass

KINDER, TPP, BETREUUNGEN = "Kinder", "Tagespflegepersonen", "Betreuungen"

# list kinds: which §3 sheets a list fills
KIND_CHILDREN, KIND_CARERS, KIND_PLACEMENTS, KIND_MIXED = "kinder", "tagespflegepersonen", "betreuungen", "kinder+betreuungen"
KIND_SHEETS = {
    KIND_CHILDREN: (KINDER,),
    KIND_CARERS: (TPP,),
    KIND_PLACEMENTS: (BETREUUNGEN,),
    KIND_MIXED: (KINDER, BETREUUNGEN),
}
KIND_LABELS = {
    KIND_CHILDREN: "Kinderliste",
    KIND_CARERS: "Liste der Tagespflegepersonen",
    KIND_PLACEMENTS: "Liste der Betreuungen",
    KIND_MIXED: "Kinder mit Betreuung (eine große Liste)",
}

NAME_SPLIT = "Name_Vorname"  # pseudo column: "Müller, Anna" or "Anna Müller" → Nachname + Vorname
CARER_NAME = "TPP_Name"  # pseudo column of Betreuungen: the carer by name (→ TPP_Nr)
CHILD_NAME = "Kind_Name"  # pseudo column of Betreuungen: the child by name (→ Kind_Nr, with Kind_Geburtsdatum)
CHILD_BORN = "Kind_Geburtsdatum"
IGNORE = ""  # a column not imported

# shapes of values
DATE, IBAN, PLZ, HOURS, EMAIL, PHONE, NAME_PAIR, SRT, NUMBER = (
    "datum", "iban", "plz", "stunden", "email", "telefon", "name_paar", "srt", "zahl")


@dataclass(frozen=True)
class Target:
    sheet: str
    column: str
    label: str
    synonyms: tuple[str, ...] = ()
    shape: str | None = None

    @property
    def key(self) -> str:
        return f"{self.sheet}.{self.column}"


def _t(sheet, column, label, *synonyms, shape=None) -> Target:
    return Target(sheet, column, label, (column.replace("_", " "), *synonyms), shape)


_PERSON = (
    ("Nr", "Nummer", "Nr.", "Aktenzeichen"),  # not "lfd. Nr.": a running number is no key
    ("Nachname", "Name", "Familienname", "Zuname"),
    ("Vorname", "Rufname"),
    (NAME_SPLIT, "Name, Vorname", "Nachname, Vorname", "Vorname Name", "Vor- und Nachname", "Name Vorname",
     "vollständiger Name"),
    ("Geburtsdatum", "Geb.-Datum", "Geburtstag", "geb.", "geb", "geboren", "geboren am", "geb. am", "Geb. Datum",
     "Gebdat", "Geb.-Dat.", "Geb.Dat"),
    ("Geschlecht", "m/w", "w/m"),
    ("Straße", "Str.", "Strasse", "Anschrift", "Adresse", "Straße und Hausnummer", "Str. Nr."),
    ("PLZ", "Postleitzahl"),
    ("Ort", "Wohnort", "Stadt"),
)
_SHAPES = {"Geburtsdatum": DATE, "PLZ": PLZ, NAME_SPLIT: NAME_PAIR}
_LABELS = {NAME_SPLIT: "Name, Vorname (teilen)"}


def _people(sheet: str, extra_nr: tuple[str, ...], extra_name: tuple[str, ...]) -> list[Target]:
    out = []
    for column, *synonyms in _PERSON:
        if column == "Nr":
            synonyms = [*synonyms, *extra_nr]
        if column == NAME_SPLIT:
            synonyms = [*synonyms, *extra_name]
        out.append(_t(sheet, column, _LABELS.get(column, column), *synonyms, shape=_SHAPES.get(column)))
    return out


TARGETS: tuple[Target, ...] = (
    *_people(KINDER, ("Kind-Nr", "Kindnummer", "Kind Nr"), ("Kind", "Name des Kindes", "Name Kind", "Kindername")),
    _t(KINDER, "Sorgeberechtigte", "Sorgeberechtigte", "Eltern", "Erziehungsberechtigte", "Mutter/Vater",
       "Personensorgeberechtigte"),
    _t(KINDER, "Familie_Nr", "Familie_Nr", "Familie", "Familiennummer", "Fam.-Nr."),
    _t(KINDER, "Jahreseinkommen", "Jahreseinkommen", "Einkommen", "Einkommen Familie", "Jahreseinkommen Eltern",
       shape=NUMBER),
    _t(KINDER, "Antrag_vom", "Antrag_vom", "Antrag", "Antragsdatum", "Antrag am", shape=DATE),
    _t(KINDER, "Besonderer_Bedarf", "Besonderer_Bedarf", "bes. Bedarf", "besonderer Bedarf"),
    _t(KINDER, "LVR_Inklusionshilfe", "LVR_Inklusionshilfe", "LVR", "Inklusionshilfe"),
    _t(KINDER, "Beitragsfrei", "Beitragsfrei", "beitragsfrei"),
    *_people(TPP, ("TPP-Nr", "TPP Nr", "Personalnummer"), ("Tagesmutter", "Tagesvater", "Tagespflegeperson")),
    _t(TPP, "Telefon", "Telefon", "Tel.", "Tel", "Telefonnummer", "Handy", "Mobil", shape=PHONE),
    _t(TPP, "E-Mail", "E-Mail", "Mail", "Email", "E-Mail-Adresse", shape=EMAIL),
    _t(TPP, "SRT", "SRT", "Sozialraumteam", "Team", "Bezirk", "Sozialraum", shape=SRT),
    _t(TPP, "IBAN", "IBAN", "Bankverbindung", "Konto", "Kontonummer", shape=IBAN),
    _t(TPP, "Qualifikation", "Qualifikation", "Quali", "Ausbildung", "Qualifizierung"),
    _t(TPP, "Qualifikation_seit", "Qualifikation_seit", "qualifiziert seit", "Quali seit", shape=DATE),
    _t(TPP, "Tätig_seit", "Tätig_seit", "tätig seit", "in der KTP seit", "Beginn Tätigkeit", shape=DATE),
    _t(TPP, "Erlaubnis_vom", "Erlaubnis_vom", "Erlaubnis", "Pflegeerlaubnis", "Erlaubnis erteilt", shape=DATE),
    _t(TPP, "Erlaubnis_bis", "Erlaubnis_bis", "Erlaubnis gültig bis", "Pflegeerlaubnis bis", shape=DATE),
    _t(TPP, "Max_Kinder", "Max_Kinder", "Plätze", "Anzahl Plätze", "max. Kinder"),
    _t(TPP, "Führungszeugnis_vom", "Führungszeugnis_vom", "Führungszeugnis", "erw. Führungszeugnis", shape=DATE),
    _t(BETREUUNGEN, "Kind_Nr", "Kind_Nr", "Kind-Nr", "Kindnummer", "Nr Kind"),
    _t(BETREUUNGEN, "TPP_Nr", "TPP_Nr", "TPP-Nr", "Nr Tagespflegeperson", "Tagesmutter Nr"),
    _t(BETREUUNGEN, CARER_NAME, "Tagespflegeperson (Name)", "Tagesmutter", "Tagesvater", "Tagespflegeperson", "TPP",
       "Kindertagespflegeperson", "Tagesmutter/-vater", "Betreuungsperson", "betreut bei", "Name Tagesmutter"),
    _t(BETREUUNGEN, CHILD_NAME, "Kind (Name)", "Kind", "Name des Kindes", "Name Kind", "Kindername"),
    _t(BETREUUNGEN, CHILD_BORN, "Kind: Geburtsdatum", "Geburtsdatum Kind", "Geb.-Datum Kind", shape=DATE),
    _t(BETREUUNGEN, "Beginn", "Beginn", "Betreuungsbeginn", "Beginn der Betreuung", "ab", "von", "Aufnahme",
       "Vertragsbeginn", "Start", shape=DATE),
    _t(BETREUUNGEN, "Ende", "Ende", "Betreuungsende", "Ende der Betreuung", "bis", "Vertragsende", shape=DATE),
    _t(BETREUUNGEN, "Wochenstunden", "Wochenstunden", "Std./Woche", "Std/Woche", "Stunden", "Betreuungsstunden",
       "Std. pro Woche", "Stunden pro Woche", "Wochenstd.", "Umfang", "Betreuungsumfang", "Std", "Std.", "Std/Wo",
       "Stunden/Woche", "Std. wöchentlich", "Betreuungszeit", shape=HOURS),
    _t(BETREUUNGEN, "Randzeitstunden", "Randzeitstunden", "Randzeiten", "Randzeit", shape=HOURS),
    _t(BETREUUNGEN, "Zeitplan", "Zeitplan", "Betreuungszeiten", "Zeiten"),
)
BY_KEY = {t.key: t for t in TARGETS}
CARER_ONLY = {"SRT", "IBAN", "Qualifikation", "Qualifikation_seit", "Tätig_seit", "Erlaubnis_vom", "Erlaubnis_bis",
              "Max_Kinder", "Führungszeugnis_vom", "Telefon", "E-Mail"}  # columns telling a carers list

# default value translations (folded source text → §3 value), per §3 column; the user adds more
DEFAULT_TRANSLATIONS: dict[str, dict[str, str]] = {
    "Qualifikation": {
        "tagesmutter qualifiziert": "QHB", "tagesvater qualifiziert": "QHB", "qualifiziert": "QHB",
        "qhb": "QHB", "kompetenzorientiert": "QHB", "160 ue": "QHB", "300 ue": "QHB",
        "basis": "Basis", "grundqualifikation": "Basis", "ohne": "Basis", "erzieherin": "Fachkraft",
        "erzieher": "Fachkraft", "fachkraft": "Fachkraft", "sozialpadagogin": "Fachkraft",
    },
    "SRT": {
        "mitte/sud": "Mitte/Süd", "mitte": "Mitte/Süd", "sud": "Mitte/Süd", "srt mitte/sud": "Mitte/Süd",
        "ost": "Ost", "srt ost": "Ost", "nord": "Nord", "srt nord": "Nord",
    },
    "Geschlecht": {"weiblich": "w", "mannlich": "m", "divers": "d", "w": "w", "m": "m", "d": "d"},
}


def targets_for(kind: str) -> list[Target]:
    """The fields a list of this kind may fill (a mixed list: child columns + placement columns,
    without the placement's Kind_Nr — the child of the same row)."""
    sheets = KIND_SHEETS[kind]
    out = [t for t in TARGETS if t.sheet in sheets]
    if kind == KIND_MIXED:
        out = [t for t in out if t.key not in (f"{BETREUUNGEN}.Kind_Nr", f"{BETREUUNGEN}.{CHILD_NAME}",
                                                f"{BETREUUNGEN}.{CHILD_BORN}")]
    return out
