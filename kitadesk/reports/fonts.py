"""The embedded TrueType font for every PDF (German characters, R-V4)."""

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kitadesk.resources import resource

REGULAR, BOLD, ITALIC = "KitaSans", "KitaSans-Bold", "KitaSans-Italic"


@cache
def register_fonts() -> str:
    """Register DejaVu Sans (shipped in resources/fonts) once; returns the family name."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFont(TTFont(ITALIC, str(resource("fonts", "DejaVuSans-Oblique.ttf"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR
