"""The reminders workbook (`kitadesk reminders --xlsx`, R-W1): finance style without totals."""

from pathlib import Path

from kitadesk.reports.xlsx_style import DATE, TEXT, Column, FinanceWorkbook

COLUMNS = (Column("Fällig", DATE, 12), Column("SRT", TEXT, 11), Column("Art", TEXT, 28), Column("Nr", TEXT, 10),
           Column("Name", TEXT, 28), Column("Hinweis", TEXT, 60), Column("Überfällig", TEXT, 11))


def write_reminders(rows, path: str | Path) -> Path:
    """`rows`: objects with faellig, srt, art, nr, name, hinweis, overdue."""
    with FinanceWorkbook(path, title="Wiedervorlagen") as wb:
        wb.add_table("Wiedervorlagen", COLUMNS, [
            (r.faellig, r.srt, r.art, r.nr, r.name, r.hinweis, "ja" if r.overdue else "nein") for r in rows])
    return Path(path)
