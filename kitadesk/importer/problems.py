"""Collected import problems, reported all at once as `Blatt, Zeile, Spalte: Meldung`
(interfaces.md §3)."""

from dataclasses import dataclass, field

NONE = "–"  # row or column not applicable (a missing sheet, a whole table)


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | str
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}, {self.row}, {self.column}: {self.message}"


@dataclass
class Problems:
    """Collector; `sorted()` orders by sheet (workbook order), row, column."""

    items: list[Problem] = field(default_factory=list)

    def add(self, sheet: str, row: int | str, column: str | None, message: str) -> None:
        self.items.append(Problem(sheet, row, column or NONE, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self, sheet_order: list[str], column_order: dict[str, list[str]]) -> list[Problem]:
        def key(p: Problem):
            sheet_index = sheet_order.index(p.sheet) if p.sheet in sheet_order else -1
            row = p.row if isinstance(p.row, int) else 0
            columns = column_order.get(p.sheet, [])
            col = columns.index(p.column) if p.column in columns else len(columns)
            return sheet_index, row, col

        seen, result = set(), []
        for p in sorted(self.items, key=key):
            if str(p) not in seen:  # the same message twice is noise
                seen.add(str(p))
                result.append(p)
        return result
