"""Stream data rows straight into the sheet XML of a workbook whose frame openpyxl wrote
(template.write_workbook): inline strings, numbers, Excel date serials with the date
style openpyxl gave the column (`<col style=…>`), ja/nein as text."""

import zipfile
from datetime import date, datetime
from decimal import Decimal
from xml.etree import ElementTree

from openpyxl.utils import get_column_letter

from kitadesk.importer.xlsx import Workbook as Reader
from kitadesk.reports.cells import TextTooLong, inline_string_xml, local_naive, too_long

EXCEL_EPOCH = date(1899, 12, 30)


def _date_styles(xml: bytes) -> dict[int, str]:
    """Column index (0-based) → style id of date columns, from the frame's <cols>."""
    styles: dict[int, str] = {}
    head = xml[: xml.find(b"<sheetData")] + b"</worksheet>"
    root = ElementTree.fromstring(head)
    for col in root.iter():
        if col.tag.rpartition("}")[2] == "col" and col.get("style"):
            for index in range(int(col.get("min")) - 1, int(col.get("max"))):
                styles[index] = col.get("style")
    return styles


def _cell(ref: str, value, date_style: str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return inline_string_xml(ref, "ja" if value else "nein")
    if isinstance(value, (date, datetime)):
        day = local_naive(value).date() if isinstance(value, datetime) else value
        style = f' s="{date_style}"' if date_style else ""
        return f'<c r="{ref}"{style}><v>{(day - EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
        return f'<c r="{ref}"><v>{text}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return inline_string_xml(ref, str(value))


def _rows_xml(sheet, rows, date_styles: dict[int, str]):
    letters = [get_column_letter(i + 1) for i in range(len(sheet.columns))]
    names = sheet.column_names
    number = 1
    for values in rows:
        number += 1
        try:
            cells = "".join(_cell(f"{letters[i]}{number}", values.get(name), date_styles.get(i))
                            for i, name in enumerate(names))
        except TextTooLong as exc:
            name = next(n for n in names if isinstance(values.get(n), str) and too_long(values[n]))
            record = ", ".join(str(values.get(k)) for k in sheet.key)
            raise TextTooLong(f"Blatt „{sheet.name}“, Zeile {number}, Spalte „{name}“ (Datensatz {record})",
                              exc.length) from exc
        yield f'<row r="{number}">{cells}</row>'


def inject(frame: str, target: str, sheets: dict) -> None:
    """Copy `frame` to `target`, adding each sheet's rows before </sheetData>."""
    reader = Reader(frame)
    parts = {name: part for name, part in reader.sheets}
    reader.close()
    by_part = {parts[name]: value for name, value in sheets.items() if name in parts}
    with zipfile.ZipFile(frame) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename not in by_part:
                zout.writestr(item, data)
                continue
            sheet, rows = by_part[item.filename]
            cut = data.rfind(b"</sheetData>")
            styles = _date_styles(data)
            with zout.open(item.filename, "w") as out:
                out.write(data[:cut])
                chunk = []
                for row in _rows_xml(sheet, rows, styles):
                    chunk.append(row)
                    if len(chunk) >= 2000:
                        out.write("".join(chunk).encode("utf-8"))
                        chunk = []
                out.write("".join(chunk).encode("utf-8"))
                out.write(data[cut:])
