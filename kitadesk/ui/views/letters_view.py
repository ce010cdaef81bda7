"""Screen "Bescheide" — frame only; its content comes from the engineer of that area."""

from kitadesk.ui.views.placeholder import PlaceholderPage


class LettersView(PlaceholderPage):
    TITLE = "Bescheide"
    NOTE = "Fällige Bescheide (R-V5) erstellen, drucken und im Archiv nachsehen."
