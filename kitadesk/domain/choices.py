"""The fixed value lists of the office, in one place: the models store them, forms offer them,
the CLI checks them (issue 17.1: screens and commands read them here, not from the models)."""

SRTS = ("Mitte/Süd", "Ost", "Nord")
QUALIFIKATIONEN = ("Basis", "QHB", "Fachkraft")
BETREUUNGSORTE = ("eigener Haushalt", "Haushalt der Eltern", "andere Räume")

SACHBEARBEITUNG, LEITUNG, ADMIN = "Sachbearbeitung", "Leitung", "Admin"
ROLES = (SACHBEARBEITUNG, LEITUNG, ADMIN)

ENTWURF, ABGESCHLOSSEN = "Entwurf", "abgeschlossen"  # status of a payout run
