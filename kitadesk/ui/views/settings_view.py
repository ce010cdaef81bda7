"""Screen "Einstellungen" — frame only; its content comes from the engineer of that area."""

from kitadesk.ui.views.placeholder import PlaceholderPage


class SettingsView(PlaceholderPage):
    TITLE = "Einstellungen"
    NOTE = "Auslegungen, Sätze und Beitragstabellen, Textbausteine, Benutzer."
