"""Tabs "Auslegungen" and "System" of the settings screen: one widget per registered setting
(domain/settings.py REGISTRY), saved through ops.settings (right `einstellungen`)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QWidget,
)

from kitadesk.domain.settings import HOCHRECHNUNG, REGISTRY, SYSTEM, Setting
from kitadesk.ops.settings import list_settings, set_setting
from kitadesk.ui.context import AppContext
from kitadesk.ui.widgets.settings_tab import SettingsTab, call_op

CHOICES = {  # stored value → how the screen shows it
    "4.33": "4,33", "4.35": "4,35", "zaehlt": "zählt", "hoechste_stufe": "höchste Stufe",
    "keine_festsetzung": "keine Festsetzung", "nur_hoechster": "nur der höchste Beitrag",
    "alle_zahlen": "alle Kinder zahlen", "5_jahre_und_fortbildung": "5 Jahre und Fortbildung",
    "betreuung": "Betreuung", "betreuung_und_mba": "Betreuung und MBA", "kalenderjahr": "Kalenderjahr",
    "kitajahr": "Kitajahr", "arbeitstage": "Arbeitstage", "kalendertage": "Kalendertage",
    "geburtstag": "am 3. Geburtstag",
    "vertretung": "Satz der Vertretung", "original": "Satz der vertretenen Person", "weiter": "läuft weiter",
}


def choice_text(setting: Setting, value: str) -> str:
    text = CHOICES.get(value, value.replace("_", " "))
    return f"{text} (Standard)" if value == setting.default else text


class RegistryTab(SettingsTab):
    """One row per registry entry of `SETTINGS`: label, explanation, choices (or a number),
    default marked (domain/settings.py)."""

    SETTINGS: tuple[Setting, ...] = ()

    def __init__(self, ctx: AppContext, on_saved, parent=None):
        super().__init__(ctx, on_saved, parent)
        self.widgets: dict[str, QSpinBox | QComboBox] = {}
        self.stored: dict[str, str] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(3)
        for i, s in enumerate(self.SETTINGS):
            name = QLabel(f"<b>{s.label}</b> <span style='color:#777'>({s.section})</span>")
            widget: QSpinBox | QComboBox
            if s.free_value:
                widget = spin = QSpinBox()
                spin.setRange(*s.bounds)
                spin.valueChanged.connect(self._dirty)
            else:
                widget = combo = QComboBox()
                for value in s.choices:
                    combo.addItem(choice_text(s, value), value)
                combo.currentIndexChanged.connect(self._dirty)
            widget.setEnabled(self.editable)
            widget.setMinimumWidth(220)
            widget.setToolTip(f"Einstellung {s.name}, Standard: {s.default}")
            self.widgets[s.name] = widget
            explanation = QLabel(s.explanation)
            explanation.setWordWrap(True)
            explanation.setStyleSheet("color: #555;")
            explanation.setContentsMargins(0, 0, 0, 8)
            grid.addWidget(name, 2 * i, 0, 1, 2)
            grid.addWidget(widget, 2 * i, 2, 2, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(explanation, 2 * i + 1, 0, 1, 2)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.body.addWidget(scroll, 1)
        self.save_button = self.button("Speichern", self.save)
        self.reset_button = self.button("Verwerfen", self.reload, editing=False)
        self.button_bar(self.reset_button, self.save_button)

    def reload(self) -> None:
        names = {s.name for s in self.SETTINGS}
        states = call_op(self, lambda: list_settings(self.ctx.store, self.ctx.user)) or []
        self.stored = {st.setting.name: st.value for st in states if st.setting.name in names}
        for name, value in self.stored.items():
            self.set_value(name, value)
        self._dirty()

    def value(self, name: str) -> str:
        widget = self.widgets[name]
        return str(widget.value()) if isinstance(widget, QSpinBox) else widget.currentData()

    def set_value(self, name: str, value: str) -> None:
        widget = self.widgets[name]
        widget.blockSignals(True)
        if isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        else:
            widget.setCurrentIndex(max(widget.findData(value), 0))
        widget.blockSignals(False)
        self._dirty()

    def changes(self) -> dict[str, str]:
        return {n: self.value(n) for n in self.widgets if self.value(n) != self.stored.get(n)}

    def _dirty(self, *_args) -> None:
        changed = self.changes()
        self.save_button.setEnabled(self.editable and bool(changed))
        self.reset_button.setEnabled(bool(changed))
        if changed:
            self.status.setText("")

    def save(self) -> bool:
        changed = self.changes()
        for name, value in changed.items():
            if call_op(self, lambda n=name, v=value: set_setting(self.ctx.store, self.ctx.user, n, v)) is None:
                self._dirty()
                return False
            self.stored[name] = value  # saved (the next one may still be refused)
        self.reload()
        labels = ", ".join(s.label for s in self.SETTINGS if s.name in changed)
        self.status.setText(f"Gespeichert: {labels}.")
        self.on_saved()
        return True


class SystemTab(RegistryTab):
    SETTINGS = SYSTEM
    INTRO = ("Anmeldung, tägliche Sicherung der eingebetteten Datenbank und Aufbewahrungsfrist (Datenschutz). "
             "Auch über die Befehlszeile: kitadesk einstellungen NAME WERT.")


class AuslegungenTab(RegistryTab):
    SETTINGS = (*REGISTRY, *HOCHRECHNUNG)  # the projection's assumption is shown with the Auslegungen
    INTRO = ("Wo die Richtlinien Spielraum lassen, legt das Amt die Auslegung fest. Änderungen gelten ab der "
             "nächsten Berechnung; abgeschlossene Läufe behalten ihre Einstellungen.")
