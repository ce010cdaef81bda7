"""The kinds of Wiedervorlagen (R-W1, column `Art`), in the start screen's filter order — apart
from domain/reminders.py, so the start screen shows its filter without the rules (issue 17)."""

ERLAUBNIS = "Erlaubnis"
FUEHRUNGSZEUGNIS = "Führungszeugnis"
ERSTE_HILFE = "Erste Hilfe am Kind"
FORTBILDUNG = "Fortbildung"
GEBURTSTAG_3 = "3. Geburtstag"
NACHWEIS = "Nachweis"  # + ' ' + kind label
AENDERUNG = "Änderungsmitteilung"
KINDS = (ERLAUBNIS, FUEHRUNGSZEUGNIS, ERSTE_HILFE, FORTBILDUNG, GEBURTSTAG_3, NACHWEIS, AENDERUNG)  # filter order
