"""Default German text blocks of the letters, and their rendering with overrides (R-V2).

The office edits these texts in the app (stored as overrides in the database, key → template);
this module holds only the defaults and the rendering. Templates use `{name}` placeholders
(str.format_map). An empty text (override "") leaves the block out. A blank line starts a
new paragraph, a single line break stays a line break.

Placeholders common to every block: see COMMON. Each kind adds its own (see TEXT_BLOCKS).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from kitadesk.reports.errors import ReportError

COMMON = ("anrede", "datum", "aktenzeichen", "srt", "ansprechpartner", "telefon", "raum", "email")
# wochenstunden, betrag, stundenband: with several versions / fee periods in the letter's period each
# names every one with its dates ("35 (bis zum 15.11.2026) bzw. 20 (ab dem 16.11.2026)"), R-V4
PARENTS = ("kind_name", "kind_geburtsdatum", "tpp_name", "antrag_datum", "zeitraum", "wochenstunden",
           "einkommensstufe", "stundenband", "betrag", "beitrag_ab")
CARER = ("tpp_name", "monat", "betrag", "kinder", "stufe")
CHANGE = ("gegenstand", "bescheid_vom", "wirksam_ab", "betrag_bezeichnung", "betrag_alt", "betrag_neu")
REFUSAL = ("antrag_datum", "antrag_gegenstand", "grund", "rechtsgrundlage")
ANNUAL = ("tpp_name", "jahr", "betrag")


class TextBlockError(ReportError):
    """A text block cannot be rendered (unknown placeholder, broken braces); German message."""


@dataclass(frozen=True)
class TextBlock:
    key: str
    label: str
    default: str
    placeholders: tuple[str, ...]


def _block(key: str, label: str, default: str, extra: tuple[str, ...] = ()) -> TextBlock:
    return TextBlock(key, label, default, COMMON + extra)


RECHTSBEHELFSBELEHRUNG = (
    "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Widerspruch erhoben "
    "werden. Der Widerspruch ist schriftlich oder zur Niederschrift bei der Stadt Moers, "
    "Der Bürgermeister, Fachdienst Jugend, Rathausplatz 1, 47441 Moers, einzulegen."
)

_BLOCKS = (
    # --- common to every kind ---
    _block("anrede", "Anrede", "{anrede}"),
    _block("gruss", "Grußformel und Zeichnung", "Mit freundlichen Grüßen\n\nIm Auftrag\n{ansprechpartner}"),
    _block("hinweis_maschinell", "Hinweis maschinelle Erstellung",
           "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig."),
    _block("rechtsbehelfsbelehrung", "Rechtsbehelfsbelehrung (Rechtsamt prüft den Wortlaut)",
           RECHTSBEHELFSBELEHRUNG),
    # --- parents' Bescheid (Förderung und Elternbeitrag) ---
    _block("eltern.betreff", "Eltern: Betreff",
           "Förderung in Kindertagespflege und Festsetzung des Elternbeitrags für {kind_name}", PARENTS),
    _block("eltern.entscheidung", "Eltern: Entscheidung",
           "auf Ihren Antrag vom {antrag_datum} wird die Betreuung Ihres Kindes {kind_name}, geboren am "
           "{kind_geburtsdatum}, bei der Kindertagespflegeperson {tpp_name} {zeitraum} im Umfang von "
           "{wochenstunden} Stunden wöchentlich gefördert.\n\n"
           "Für die Betreuung wird ab dem {beitrag_ab} ein monatlicher Elternbeitrag in Höhe von "
           "{betrag} festgesetzt.", PARENTS),
    _block("eltern.begruendung", "Eltern: Begründung",
           "Die Förderung beruht auf §§ 22 bis 24 SGB VIII in Verbindung mit den Richtlinien der Stadt "
           "Moers zur Förderung von Kindern in Kindertagespflege. Die Voraussetzungen der Förderung "
           "liegen vor.\n\n"
           "Der Elternbeitrag wird nach § 90 SGB VIII in Verbindung mit der Satzung der Stadt Moers über "
           "die Erhebung der Elternbeiträge für den Bereich der Kindertagesbetreuung erhoben. Seine Höhe "
           "richtet sich nach Anlage 2 der Satzung nach dem Jahreseinkommen Ihrer Familie "
           "({einkommensstufe}) und dem wöchentlichen Betreuungsumfang ({stundenband}).", PARENTS),
    _block("eltern.hinweise", "Eltern: Hinweise",
           "Bitte teilen Sie dem Fachdienst Jugend Änderungen der Betreuungszeiten, Ihrer Berufstätigkeit "
           "oder Ihres Einkommens sowie einen Wechsel der Kindertagespflegeperson unverzüglich mit.\n\n"
           "Der Elternbeitrag kann auf Antrag ganz oder teilweise erlassen werden, wenn die Belastung "
           "Ihnen und Ihrem Kind nicht zuzumuten ist. Eine Ermäßigung oder ein Erlass wird frühestens "
           "ab dem Tag der Antragstellung wirksam.", PARENTS),
    # --- carer's Bescheid (laufende Geldleistung) ---
    _block("tpp.betreff", "Kindertagespflegeperson: Betreff",
           "Laufende Geldleistung für die Kindertagespflege ab {monat}", CARER),
    _block("tpp.entscheidung", "Kindertagespflegeperson: Entscheidung",
           "für die Förderung der von Ihnen betreuten Kinder ({kinder}) erhalten Sie ab {monat} eine "
           "laufende Geldleistung nach § 23 SGB VIII in Höhe von monatlich {betrag}. Die Berechnung ist "
           "nachstehend je Kind und Position aufgeführt.", CARER),
    _block("tpp.begruendung", "Kindertagespflegeperson: Begründung",
           "Die laufende Geldleistung setzt sich nach Nr. 5 der Richtlinien der Stadt Moers zur Förderung "
           "von Kindern in Kindertagespflege aus der Stundenvergütung Ihrer Stufe ({stufe}), der Pauschale "
           "für mittelbare Bildungs- und Betreuungsarbeit, den Zuschlägen sowie der Erstattung Ihrer "
           "nachgewiesenen Aufwendungen für Unfallversicherung, Alterssicherung sowie Kranken- und "
           "Pflegeversicherung zusammen. Die vereinbarten Wochenstunden werden auf den Monat umgerechnet; "
           "beginnt oder endet eine Betreuung im Laufe eines Monats, wird tageweise anteilig gerechnet.",
           CARER),
    _block("tpp.hinweise", "Kindertagespflegeperson: Hinweise",
           "Der Betrag wird monatlich auf Ihr Konto überwiesen. Ändern sich die betreuten Kinder, die "
           "Betreuungszeiten oder die Stundensätze, erhalten Sie einen neuen Bescheid. Bitte teilen Sie "
           "dem Fachdienst Jugend wichtige Ereignisse, die für die Betreuung bedeutsam sind, "
           "unverzüglich mit.", CARER),
    # --- Änderungsbescheid ---
    _block("aenderung.betreff", "Änderungsbescheid: Betreff",
           "Änderungsbescheid – {gegenstand} ab {wirksam_ab}", CHANGE),
    _block("aenderung.entscheidung", "Änderungsbescheid: Entscheidung",
           "der Bescheid vom {bescheid_vom} über {gegenstand} wird mit Wirkung ab dem {wirksam_ab} wie "
           "folgt geändert:", CHANGE),
    _block("aenderung.betrag", "Änderungsbescheid: Betrag",
           "{betrag_bezeichnung} ab dem {wirksam_ab}: {betrag_neu} (bisher {betrag_alt}).", CHANGE),
    _block("aenderung.begruendung", "Änderungsbescheid: Begründung",
           "Die Änderung beruht auf den dem Fachdienst Jugend mitgeteilten Änderungen (Nr. 7.2 der "
           "Richtlinien der Stadt Moers zur Förderung von Kindern in Kindertagespflege). Im Übrigen "
           "bleibt der Bescheid vom {bescheid_vom} unverändert.", CHANGE),
    # --- Ablehnung ---
    _block("ablehnung.betreff", "Ablehnung: Betreff", "Ablehnung Ihres Antrags vom {antrag_datum}", REFUSAL),
    _block("ablehnung.entscheidung", "Ablehnung: Entscheidung",
           "Ihr Antrag vom {antrag_datum} auf {antrag_gegenstand} wird abgelehnt.", REFUSAL),
    _block("ablehnung.begruendung", "Ablehnung: Begründung", "{grund}", REFUSAL),
    # --- Jahresbescheinigung ---
    _block("jahr.betreff", "Jahresbescheinigung: Betreff",
           "Jahresbescheinigung {jahr} über die laufende Geldleistung in der Kindertagespflege", ANNUAL),
    _block("jahr.einleitung", "Jahresbescheinigung: Einleitung",
           "hiermit bescheinigen wir Ihnen, dass Sie im Kalenderjahr {jahr} als Kindertagespflegeperson von "
           "der Stadt Moers laufende Geldleistungen nach § 23 SGB VIII in Höhe von insgesamt {betrag} "
           "erhalten haben. Die Beträge sind nachstehend nach Position und Auszahlungsmonat aufgeführt.",
           ANNUAL),
    _block("jahr.hinweise", "Jahresbescheinigung: Hinweise",
           "Diese Bescheinigung dient zur Vorlage beim Finanzamt und beim Träger der Rentenversicherung. "
           "Die Erstattungen für Unfallversicherung, Alterssicherung sowie Kranken- und Pflegeversicherung "
           "sind als eigene Positionen ausgewiesen.", ANNUAL),
)

TEXT_BLOCKS: dict[str, TextBlock] = {b.key: b for b in _BLOCKS}
DEFAULTS: dict[str, str] = {b.key: b.default for b in _BLOCKS}

_FORMATTER = string.Formatter()


def _fields(key: str, template: str) -> list[str]:
    """The placeholder names of a template; TextBlockError on broken braces or non-plain fields."""
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError as exc:
        raise TextBlockError(
            f"Textbaustein „{_label(key)}“: geschweifte Klammern passen nicht zusammen "
            f"(ein Platzhalter wird als {{name}} geschrieben, eine Klammer selbst als {{{{ bzw. }}}})."
        ) from exc
    names = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            shown = "{" + name + ("!" + conversion if conversion else "") + (":" + spec if spec else "") + "}"
            raise TextBlockError(
                f"Textbaustein „{_label(key)}“: der Platzhalter {shown} ist nicht erlaubt "
                f"(nur einfache Namen wie {{kind_name}})."
            )
        names.append(name)
    return names


def _label(key: str) -> str:
    block = TEXT_BLOCKS.get(key)
    return f"{block.label} ({key})" if block else key


class _SafeMap(dict):
    """format_map mapping that records unknown names instead of raising KeyError."""

    def __init__(self, values: Mapping[str, str]):
        super().__init__(values)
        self.missing: list[str] = []

    def __missing__(self, name: str) -> str:
        self.missing.append(name)
        return "{" + name + "}"


def template_for(key: str, overrides: Mapping[str, str] | None = None) -> str:
    """The override if one is stored, else the default."""
    if overrides and key in overrides and overrides[key] is not None:
        return overrides[key]
    if key not in DEFAULTS:
        raise TextBlockError(f"Textbaustein „{key}“ ist unbekannt.")
    return DEFAULTS[key]


def render_text(key: str, values: Mapping[str, str], overrides: Mapping[str, str] | None = None) -> str:
    """Fill the text block `key` (override or default) with `values`; unknown placeholders raise."""
    template = template_for(key, overrides)
    _fields(key, template)  # syntax check with a German message
    mapping = _SafeMap(values)
    text = template.format_map(mapping)
    if mapping.missing:
        unknown = ", ".join("{" + n + "}" for n in dict.fromkeys(mapping.missing))
        known = ", ".join("{" + n + "}" for n in sorted(values))
        raise TextBlockError(
            f"Textbaustein „{_label(key)}“: unbekannter Platzhalter {unknown}. Verfügbar sind: {known}."
        )
    return text


def check_template(key: str, template: str) -> list[str]:
    """Problems of an edited template for `key` (for the editor before saving); [] when fine."""
    block = TEXT_BLOCKS.get(key)
    if block is None:
        return [f"Textbaustein „{key}“ ist unbekannt."]
    try:
        names = _fields(key, template)
    except TextBlockError as exc:
        return [exc.message]
    unknown = [n for n in dict.fromkeys(names) if n not in block.placeholders]
    if not unknown:
        return []
    allowed = ", ".join("{" + n + "}" for n in block.placeholders)
    return [f"Textbaustein „{_label(key)}“: unbekannter Platzhalter {{{n}}}. Erlaubt sind: {allowed}."
            for n in unknown]


def paragraphs(text: str) -> list[str]:
    """Split a rendered block at blank lines; empty text → no paragraph."""
    blocks = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n")]
    return [p for p in blocks if p]
