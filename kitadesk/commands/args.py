"""Values of command-line arguments, read as the office writes them (interfaces.md §2).

Month: `11/2026` (as KitaDesk prints it), `11.2026` or `2026-11`. Date: `01.03.2026` or `2026-03-01`.
SRT: `Mitte/Süd` (also `Mitte`, `Süd`, `Sued`), `Ost`, `Nord` — any case.
"""

import argparse
import re
from datetime import date

MONTH_FORMATS = "MM/JJJJ, z. B. 11/2026 (auch 2026-11)"
SRT_ALIASES = {"mitte/süd": "Mitte/Süd", "mitte/sued": "Mitte/Süd", "mitte": "Mitte/Süd", "süd": "Mitte/Süd",
               "sued": "Mitte/Süd", "ost": "Ost", "nord": "Nord"}


def month(text: str) -> tuple[int, int]:
    """→ (year, month)."""
    value = text.strip()
    match = re.fullmatch(r"(\d{1,2})[/.](\d{4})", value)
    if match:
        m, y = int(match.group(1)), int(match.group(2))
    else:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
        y, m = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    if not match or not 1 <= m <= 12:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Monat – bitte {MONTH_FORMATS}")
    return y, m


def day(text: str) -> date:
    value = text.strip()
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    try:
        if match:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"„{text}“ ist kein Datum – bitte TT.MM.JJJJ, z. B. 01.03.2026 (auch 2026-03-01)") from None


def year(text: str) -> int:
    if not (text.strip().isdigit() and len(text.strip()) == 4):
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Jahr im Format JJJJ (z. B. 2026)")
    return int(text)


def srt(text: str) -> str:
    """The SRT's stored name; an unknown one lists the allowed values."""
    value = SRT_ALIASES.get(text.strip().casefold().replace(" ", ""))
    if value is None:
        raise argparse.ArgumentTypeError(f"SRT „{text}“ gibt es nicht – möglich: Mitte/Süd (oder Mitte, Süd), Ost, Nord")
    return value
