"""Parts of the "Auszahlung" screen: the run's header and totals per SRT from the month's view
(built in the worker from ops.payout / ops.payout_report — the UI never computes money), and
small helpers (a filtered table, boxes, the confirmation). The carers' and lines' tables are
payout_tables.py."""


from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLayout,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from kitadesk.formats import money, month_label
from kitadesk.ops.payout_view import RunView

_TOOLTIP = Qt.ItemDataRole.ToolTipRole




def count(n: int, one: str, many: str) -> str:
    return f"1 {one}" if n == 1 else f"{n:,} {many}".replace(",", ".")


def header_html(view: RunView) -> str:
    """The run's head line: number, status, total, counts, who computed/finalized it when."""
    if view.report is None:
        return (f"<b>{month_label(view.year, view.month)}</b>: noch kein Auszahlungslauf. "
                "„Berechnen“ erstellt einen Entwurf.")
    info, s = view.report.info, view.summary
    when = "Abgeschlossen" if view.final else "Berechnet"
    colour = "#1d6b2f" if view.final else "#9a5b00"
    return (f"Lauf <b>{info.number}</b> ({month_label(view.year, view.month)}) · Status: "
            f"<b style='color:{colour}'>{info.status}</b> · Summe: <b>{money(view.report.total)}</b> · "
            f"{count(s.payments, 'Zahlung', 'Zahlungen')}, {count(s.carers, 'Tagespflegeperson', 'Tagespflegepersonen')}"
            f" mit Positionen, {count(s.lines, 'Position', 'Positionen')} · "
            f"{when} am {info.created_at:%d.%m.%Y %H:%M} von {info.created_by}")


def fill_srt_table(table: QTableWidget, view: RunView) -> None:
    """Payments and totals per SRT (as on the PDF list) and the overall total in bold."""
    if view.report is None:
        table.setRowCount(0)
        return
    rows = [(f"SRT {s}" if s else "ohne SRT", str(n), money(t)) for s, n, t in view.srt_totals]
    rows.append(("Gesamt", str(view.report.payments), money(view.report.total)))
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if r == len(rows) - 1:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(r, c, item)


def make_srt_table() -> QTableWidget:
    table = QTableWidget(0, 3)
    table.setHorizontalHeaderLabels(("SRT", "Zahlungen", "Summe"))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.setColumnWidth(0, 170)
    return table


def box(layout: QLayout, *items, widget: bool = False, margins: bool = False):
    """Fill a box layout: items are widgets, layouts or (item, stretch); → the layout, or a
    QWidget holding it (without margins) when `widget`."""
    if not margins:
        layout.setContentsMargins(0, 0, 0, 0)
    for item in items:
        item, stretch = item if isinstance(item, tuple) else (item, 0)
        if isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    if not widget:
        return layout
    holder = QWidget()
    holder.setLayout(layout)
    return holder


def blocker_text(blockers: list[str], shown: int = 8) -> str:
    """The finalize confirmation's paragraph on what would refuse the SEPA file (empty if nothing)."""
    if not blockers:
        return ""
    more = f"\n… und {len(blockers) - shown} weitere" if len(blockers) > shown else ""
    return ("ACHTUNG – die SEPA-Datei dieses Laufs würde abgelehnt (die Bankverbindungen werden mit dem Lauf "
            "festgeschrieben; bitte vorher korrigieren und neu berechnen):\n"
            + "\n".join(f"– {b}" for b in blockers[:shown]) + more + "\n\n")


def ask(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No question, "No" preselected."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    return QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No) == \
        QMessageBox.StandardButton.Yes
