"""An office list through a mapping into the sheets of the import workbook (interfaces.md §3),
read cell by cell exactly as a workbook row (`reader.read_row`), so the one import path checks
and writes it; problems are told back in the list's own sheet, row and column."""

from dataclasses import dataclass, field
from datetime import date

from kitadesk.domain.duplicates import Person
from kitadesk.domain.list_mapping import fields as f
from kitadesk.domain.list_mapping.mapping import Mapping
from kitadesk.domain.list_mapping.values import date_or_text, split_name, translate
from kitadesk.importer.cells import PARSERS
from kitadesk.importer.list_people import People
from kitadesk.importer.list_source import SourceSheet
from kitadesk.importer.problems import NONE, Problem, Problems
from kitadesk.importer.reader import SheetData, read_row
from kitadesk.importer.schema import BY_NAME, SHEETS

MISSING = "Wert fehlt (Pflichtangabe)."
ROW_BLOCK = 10_000_000  # row numbers of the 2nd, 3rd … list of one import start here (a list has < 1 M rows)


@dataclass
class Origin:
    """Where the §3 values came from, to tell problems in the list's terms."""

    source: SourceSheet
    mapping: Mapping
    reported: set[tuple[str, int, str]] = field(default_factory=set)  # (sheet, row, column) told already

    def column(self, sheet: str, column: str) -> str | None:
        m = self.mapping
        for key in (f"{sheet}.{column}", *_pseudo_sources(m, sheet, column)):
            header = m.source_of(key)
            if header:
                return header
            if key in m.fixed:
                return f"{column} (fester Wert „{m.fixed[key]}“)"
        return None

    def locate(self, p: Problem, row: int | str) -> Problem | None:
        """The problem in the list's terms (`row`: its row in the list); None = told already."""
        if p.message == MISSING and (p.sheet, p.row, p.column) in self.reported:
            return None  # the reason was told already (a name not found)
        column = self.column(p.sheet, p.column) if p.column != NONE else None
        where = "" if column or p.column == NONE else f"{p.sheet} {p.column}: "
        return Problem(self.source.name, row, column or NONE, where + p.message)


def locate_all(origins: list[Origin], problems: list[Problem]) -> list[Problem]:
    """Problems of the §3 sheets → the lists' sheets, rows and columns, in the lists' order."""
    out = []
    for p in problems:
        index, row = divmod(p.row, ROW_BLOCK) if isinstance(p.row, int) else (0, p.row)
        located = origins[index].locate(p, row)
        if located is not None:
            out.append((index, located))
    order = [{h: i for i, h in enumerate(o.source.headers)} for o in origins]

    def key(item: tuple[int, Problem]):
        index, p = item
        return index, p.row if isinstance(p.row, int) else 0, order[index].get(p.column, len(order[index]))

    return [p for _, p in sorted(out, key=key)]


def _pseudo_sources(m: Mapping, sheet: str, column: str) -> tuple[str, ...]:
    if column == "Nr" and sheet in (f.KINDER, f.TPP):  # a number made from the name
        return (f"{sheet}.{f.NAME_SPLIT}", f"{sheet}.Nachname")
    if column in ("Nachname", "Vorname"):
        return (f"{sheet}.{f.NAME_SPLIT}",)
    if sheet == f.BETREUUNGEN and column == "TPP_Nr":
        return (f"{sheet}.{f.CARER_NAME}",)
    if sheet == f.BETREUUNGEN and column == "Kind_Nr":
        return (f"{sheet}.{f.CHILD_NAME}", f"{f.KINDER}.Nr", f"{f.KINDER}.{f.NAME_SPLIT}", f"{f.KINDER}.Nachname")
    return ()


def build_all(pairs: list[tuple[SourceSheet, Mapping]], children: People, carers: People, problems: Problems,
              today: date) -> tuple[dict[str, SheetData], list[Origin]]:
    """The §3 sheets of several lists (or sheets of one workbook) for one import: the rows of the
    n-th list are numbered n × ROW_BLOCK + its row (the first list keeps its own numbers)."""
    data = {s.name: SheetData(s) for s in SHEETS}
    origins: dict[int, Origin] = {}
    carers_first = sorted(range(len(pairs)), key=lambda i: pairs[i][1].kind != f.KIND_CARERS)  # named in the others
    for i in carers_first:
        source, mapping = pairs[i]
        origins[i] = build_sheets(mapping, source, children, carers, problems, today, data, i * ROW_BLOCK)
    return data, [origins[i] for i in range(len(pairs))]


def build_sheets(mapping: Mapping, source: SourceSheet, children: People, carers: People, problems: Problems,
                 today: date, data: dict[str, SheetData], offset: int = 0) -> Origin:
    """Add the list's rows to the §3 sheets `data` (numbered offset + the row in the list);
    returns where each value came from."""
    origin = Origin(source, mapping)
    wanted = f.KIND_SHEETS[mapping.kind]
    index = {h: i for i, h in enumerate(source.headers) if h}
    columns = {key: index[h] for h, key in mapping.columns.items() if key and h in index}
    seen_children: dict[str, tuple] = {}
    for row_number, raw in source.rows:
        number = offset + row_number
        values = _values(raw, columns, mapping, today)
        row_values: dict[str, dict] = {}
        for sheet in wanted:
            row_values[sheet] = _sheet_values(sheet, values, mapping, number, problems, origin)
        if f.KINDER in row_values:
            _child_number(row_values[f.KINDER], children, number, problems, origin)
        if f.TPP in row_values:
            _carer_number(row_values[f.TPP], carers, number, origin)
        if f.BETREUUNGEN in row_values:
            placement = row_values[f.BETREUUNGEN]
            if mapping.kind == f.KIND_MIXED and not any(v is not None for v in placement.values()):
                del row_values[f.BETREUUNGEN]  # a child without placement in the big list
            else:
                _placement_refs(placement, row_values.get(f.KINDER), values, children, carers, number,
                                problems, origin)
        for sheet, cells in row_values.items():
            if sheet == f.KINDER:
                signature = tuple(sorted((k, str(v)) for k, v in cells.items()))
                nr = str(cells.get("Nr"))
                if seen_children.get(nr) == signature:
                    continue  # the same child on a second row (another placement)
                seen_children.setdefault(nr, signature)
            _add_row(data[sheet], number, cells, problems)
    return origin


def _values(raw: tuple, columns: dict[str, int], mapping: Mapping, today: date) -> dict[str, object]:
    """target key → the list's value (translated, text dates read); fixed values fill empty cells."""
    out: dict[str, object] = {}
    for key, i in columns.items():
        value = raw[i] if i < len(raw) else None
        if isinstance(value, str):
            value = value.strip() or None
        out[key] = value
    for key, value in mapping.fixed.items():
        if out.get(key) is None:
            out[key] = value
    for key, value in out.items():
        target = f.BY_KEY[key]
        if value is None:
            continue
        if isinstance(value, str):
            value = translate(value, mapping.translation(target.column))
        column = BY_NAME[target.sheet].by_name.get(target.column) if target.sheet in BY_NAME else None
        if (column is not None and column.is_date) or target.column == f.CHILD_BORN:
            value = date_or_text(value, today)
        out[key] = value
    return out


def _sheet_values(sheet: str, values: dict, mapping: Mapping, number: int, problems: Problems,
                  origin: Origin) -> dict:
    cells = {key.split(".", 1)[1]: v for key, v in values.items() if key.startswith(sheet + ".")}
    merged = cells.pop(f.NAME_SPLIT, None)
    if merged is not None:
        parts = split_name(str(merged), mapping.name_order)
        if parts is None:
            problems.add(sheet, number, "Nachname", f"„{merged}“: Nachname und Vorname lassen sich nicht trennen "
                                                    "(erwartet „Nachname, Vorname“ oder „Vorname Nachname“).")
            origin.reported.update({(sheet, number, "Nachname"), (sheet, number, "Vorname")})
        else:
            cells.setdefault("Nachname", parts[0])
            cells.setdefault("Vorname", parts[1])
    return cells


def _born(cells: dict) -> date | None:
    born = cells.get("Geburtsdatum")
    return born if isinstance(born, date) else None


def _child_number(cells: dict, children: People, number: int, problems: Problems, origin: Origin) -> None:
    if cells.get("Nr") is None and not (cells.get("Nachname") and cells.get("Vorname")):
        origin.reported.add((f.KINDER, number, "Nr"))  # the name's problem is told
    elif cells.get("Nr") is None:
        if _born(cells) is None:
            origin.reported.add((f.KINDER, number, "Nr"))
            return  # the reader reports the missing/bad birth date; no number without it
        cells["Nr"] = children.number_for(str(cells["Nachname"]), str(cells["Vorname"]), _born(cells))


def _carer_number(cells: dict, carers: People, number: int, origin: Origin) -> None:
    if cells.get("Nr") is None and not (cells.get("Nachname") and cells.get("Vorname")):
        origin.reported.add((f.TPP, number, "Nr"))  # the name's problem is told
    elif cells.get("Nr") is None:
        cells["Nr"] = carers.number_for(str(cells["Nachname"]), str(cells["Vorname"]), _born(cells))
    if cells.get("Nr") and cells.get("Nachname") and cells.get("Vorname"):
        carers.add(Person(str(cells["Nr"]), str(cells["Nachname"]), str(cells["Vorname"]), _born(cells),
                          str(cells.get("SRT") or "")))


def _placement_refs(cells: dict, child: dict | None, values: dict, children: People, carers: People, number: int,
                    problems: Problems, origin: Origin) -> None:
    sheet = f.BETREUUNGEN
    if child is not None:
        cells["Kind_Nr"] = child.get("Nr")
        if child.get("Nr") is None:
            origin.reported.add((sheet, number, "Kind_Nr"))  # the child row tells why
    named_child = cells.pop(f.CHILD_NAME, None)
    born = cells.pop(f.CHILD_BORN, None)
    if cells.get("Kind_Nr") is None and named_child is not None:
        found = [p for p in children.find_named(str(named_child)) if not isinstance(born, date) or
                 p.geburtsdatum == born]
        _resolve(cells, "Kind_Nr", found, f"Kind „{named_child}“", number, problems, origin)
    named_carer = cells.pop(f.CARER_NAME, None)
    if cells.get("TPP_Nr") is None and named_carer is not None:
        _resolve(cells, "TPP_Nr", carers.find_named(str(named_carer)), f"Tagespflegeperson „{named_carer}“",
                 number, problems, origin)


def _resolve(cells: dict, column: str, found: list, what: str, number: int, problems: Problems,
             origin: Origin) -> None:
    if len(found) == 1:
        cells[column] = found[0].nr
        return
    if found:
        message = (f"{what} gibt es mehrmals in KitaDesk ({', '.join(sorted(p.nr for p in found))}); "
                   "bitte die Nummer angeben.")
    else:
        message = f"{what} gibt es nicht in KitaDesk (zuerst anlegen oder die Nummer angeben)."
    problems.add(f.BETREUUNGEN, number, column, message)
    origin.reported.add((f.BETREUUNGEN, number, column))


def _add_row(target: SheetData, number: int, cells: dict, problems: Problems) -> None:
    sheet = target.sheet
    for col in sheet.columns:
        if col.required:
            cells.setdefault(col.name, None)
    names = [c.name for c in sheet.columns if c.name in cells]
    target.found = True
    target.present |= set(names)
    parsers = {i: (sheet.by_name[n], PARSERS[sheet.by_name[n].kind]) for i, n in enumerate(names)}
    target.rows.append(read_row(number, tuple(cells[n] for n in names), parsers, sheet, problems, set()))
