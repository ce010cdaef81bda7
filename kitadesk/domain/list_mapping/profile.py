"""A mapping as a readable TOML profile (read with tomllib, written by the tiny writer here:
strings, integers, string lists and one level of string tables are all it holds).

    art = "kinder+betreuungen"
    kopfzeile = 1
    namensfolge = "Vorname Nachname"
    form = ["geb datum", "name", ...]
    [spalten]
    "Name" = "Kinder.Name_Vorname"
    [feste_werte]
    "Tagespflegepersonen.SRT" = "Ost"
    [uebersetzungen.Qualifikation]
    "Tagesmutter qualifiziert" = "QHB"
"""

import tomllib

from kitadesk.domain.list_mapping import fields as f
from kitadesk.domain.list_mapping.mapping import Mapping
from kitadesk.domain.list_mapping.values import FIRST_LAST, LAST_FIRST


class ProfileError(ValueError):
    """A profile that cannot be read (German message)."""


def _str(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    for ch, esc in (("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
        out = out.replace(ch, esc)
    return '"' + "".join(c if ord(c) >= 0x20 else f"\\u{ord(c):04x}" for c in out) + '"'


def _table(lines: list[str], name: str, values: dict[str, str]) -> None:
    lines.append("")
    lines.append(f"[{name}]")
    lines.extend(f"{_str(k)} = {_str(v)}" for k, v in values.items())


def to_toml(mapping: Mapping) -> str:
    lines = ["# KitaDesk: Zuordnung einer eigenen Liste zu den Feldern der Import-Arbeitsmappe",
             f"art = {_str(mapping.kind)}", f"kopfzeile = {int(mapping.header_row)}",
             f"namensfolge = {_str(mapping.name_order)}"]
    if mapping.sheet:
        lines.append(f"blatt = {_str(mapping.sheet)}")
    lines.append("form = [" + ", ".join(_str(s) for s in mapping.shape) + "]")
    _table(lines, "spalten", mapping.columns)
    _table(lines, "feste_werte", mapping.fixed)
    for column, table in mapping.translations.items():
        if table:
            _table(lines, f"uebersetzungen.{_str(column)}", table)
    return "\n".join(lines) + "\n"


def from_toml(text: str, where: str = "Zuordnung") -> Mapping:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{where} ist keine lesbare TOML-Datei ({exc}).") from None
    kind = data.get("art")
    if kind not in f.KIND_SHEETS:
        raise ProfileError(f"{where}: „art“ muss eines von {', '.join(f.KIND_SHEETS)} sein.")
    columns = _strings(data.get("spalten", {}), where, "spalten")
    for header, key in columns.items():
        if key and key not in f.BY_KEY:
            raise ProfileError(f"{where}, [spalten] „{header}“: unbekanntes Feld „{key}“.")
    fixed = _strings(data.get("feste_werte", {}), where, "feste_werte")
    for key in fixed:
        if key not in f.BY_KEY:
            raise ProfileError(f"{where}, [feste_werte]: unbekanntes Feld „{key}“.")
    translations = {c: _strings(t, where, f"uebersetzungen.{c}") for c, t in data.get("uebersetzungen", {}).items()}
    order = data.get("namensfolge", FIRST_LAST)
    if order not in (FIRST_LAST, LAST_FIRST):
        raise ProfileError(f"{where}: „namensfolge“ muss „{FIRST_LAST}“ oder „{LAST_FIRST}“ sein.")
    header_row = data.get("kopfzeile", 1)
    if not isinstance(header_row, int) or header_row < 1:
        raise ProfileError(f"{where}: „kopfzeile“ muss eine Zeilennummer ab 1 sein.")
    shape = data.get("form", [])
    return Mapping(kind, columns, header_row, order, fixed, translations,
                   [str(s) for s in shape] if isinstance(shape, list) else [], data.get("blatt"))


def _strings(table, where: str, name: str) -> dict[str, str]:
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ProfileError(f"{where}: [{name}] darf nur Texte enthalten („Spalte“ = „Feld“).")
    return {str(k): v for k, v in table.items()}
