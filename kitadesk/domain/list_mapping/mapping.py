"""A list mapping (what the user confirms and a profile stores) and its completeness check."""

from dataclasses import dataclass, field

from kitadesk.domain.list_mapping import fields as f
from kitadesk.domain.list_mapping.values import FIRST_LAST
from kitadesk.domain.names import search_fold


def fold_header(header: str) -> str:
    """A header as compared: folded (umlauts, case), punctuation as spaces."""
    text = search_fold(str(header))
    for ch in ".-_/:;()+#*?":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def shape_key(headers) -> list[str]:
    """The shape of a list: its folded, non-empty headers, sorted (a profile's `form`)."""
    return sorted({fold_header(h) for h in headers if h is not None and str(h).strip()})


@dataclass
class Mapping:
    kind: str  # fields.KIND_*
    columns: dict[str, str]  # source header → target key ("Kinder.Nachname"); "" = not imported
    header_row: int = 1  # 1-based row of the headers in the source sheet
    name_order: str = FIRST_LAST  # order of a name cell without comma
    fixed: dict[str, str] = field(default_factory=dict)  # target key → value for every row (e.g. SRT)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # §3 column → {office value: §3 value}
    shape: list[str] = field(default_factory=list)  # shape_key of the headers this mapping was made for
    sheet: str | None = None  # the source sheet's name (xlsx), None = the first / csv

    def targets(self) -> set[str]:
        return {t for t in self.columns.values() if t} | set(self.fixed)

    def source_of(self, key: str) -> str | None:
        """The source header that fills a target key (None: none or a fixed value)."""
        return next((h for h, t in self.columns.items() if t == key), None)

    def translation(self, column: str) -> dict[str, str]:
        """Default translations of a §3 column with the mapping's own over them."""
        return {**f.DEFAULT_TRANSLATIONS.get(column, {}), **self.translations.get(column, {})}


def missing(mapping: Mapping) -> list[str]:
    """What the mapping still lacks to import (German, one line each); [] = complete."""
    have = mapping.targets()
    out = []
    sheets = f.KIND_SHEETS[mapping.kind]

    def need(label: str, *alternatives: tuple[str, ...]) -> None:
        if not any(all(k in have for k in keys) for keys in alternatives):
            out.append(f"Es fehlt eine Spalte für „{label}“.")

    for sheet in (f.KINDER, f.TPP):
        if sheet in sheets:
            who = "des Kindes" if sheet == f.KINDER else "der Tagespflegeperson"
            need(f"Nachname und Vorname {who}", (f"{sheet}.Nachname", f"{sheet}.Vorname"),
                 (f"{sheet}.{f.NAME_SPLIT}",))
    if f.KINDER in sheets:
        need("Geburtsdatum des Kindes", (f"{f.KINDER}.Geburtsdatum",))
    if f.TPP in sheets:
        need("SRT (Spalte oder fester Wert)", (f"{f.TPP}.SRT",))
        need("Qualifikation (Spalte oder fester Wert)", (f"{f.TPP}.Qualifikation",))
    if f.BETREUUNGEN in sheets:
        b = f.BETREUUNGEN
        if mapping.kind == f.KIND_PLACEMENTS:
            need("Kind (Nr oder Name mit Geburtsdatum)", (f"{b}.Kind_Nr",), (f"{b}.{f.CHILD_NAME}", f"{b}.{f.CHILD_BORN}"))
        need("Tagespflegeperson (Nr oder Name)", (f"{b}.TPP_Nr",), (f"{b}.{f.CARER_NAME}",))
        need("Beginn der Betreuung", (f"{b}.Beginn",))
        need("Wochenstunden", (f"{b}.Wochenstunden",))
    taken: dict[str, str] = {}
    for header, key in mapping.columns.items():
        if key and key in taken:
            out.append(f"„{f.BY_KEY[key].label if key in f.BY_KEY else key}“ ist zwei Spalten zugeordnet: "
                       f"„{taken[key]}“ und „{header}“.")
        elif key and key not in f.BY_KEY:
            out.append(f"Spalte „{header}“: unbekanntes Feld „{key}“.")
        taken.setdefault(key, header)
    return out
