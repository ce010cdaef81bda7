"""Screen "Auszahlung" — frame only; its content comes from the engineer of that area."""

from kitadesk.ui.views.placeholder import PlaceholderPage


class PayoutView(PlaceholderPage):
    TITLE = "Auszahlung"
    NOTE = "Monatliche laufende Geldleistung: Lauf berechnen, prüfen, abschließen, Exporte (Excel, PDF, SEPA)."
