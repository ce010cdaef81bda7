"""Screen "Auswertungen" — frame only; its content comes from the engineer of that area."""

from kitadesk.ui.views.placeholder import PlaceholderPage


class ReportsView(PlaceholderPage):
    TITLE = "Auswertungen"
    NOTE = "Amtliche Statistik (R-S1), Zahlen je SRT (R-S2), Wiedervorlagen als Liste."
