""""Warum?" — explains one payout line (berechnung.md: every figure must be explainable by
its line): the rule with its text, the formula of its position, period, hours, rate, the
line's own calculation (`Line.why`) and the amount. Only displays what the ops computed."""

from html import escape

from PySide6.QtWidgets import QFrame, QLabel, QTextBrowser, QVBoxLayout

from kitadesk.domain.lines import (
    ALTER,
    BESONDERER_BEDARF,
    BETREUUNG,
    EINZELFALL,
    FEIERTAG,
    KORREKTUR_PREFIX,
    KRANKEN,
    MBA,
    RANDZEIT,
    UEBERTRAG,
    UNFALL,
    VERTRETUNGSPLATZ,
    VORTRAG,
    Line,
)
from kitadesk.formats import day, hours, money, rate

# domain.md "Money for the carer" (Richtlinien 5.1–5.4, 6) in the office's words
RULE_TEXTS = {
    "R-G1": "Monatsbetrag je Kind = Betreuungsstunden × Stundensatz der Stufe der Tagespflegeperson "
            "(Richtlinien Nr. 5.1).",
    "R-G2": "Die Stundensätze stehen in der Satztabelle mit „gültig ab“; sie steigen zum 1. Januar um 1,5 % "
            "(Vorschlag, von der Leitung bestätigt).",
    "R-G3": "Zuschläge (Nr. 5.1): +30 % bei besonderem Bedarf ohne LVR-Inklusionshilfe; Randzeiten (vor 7 Uhr, "
            "nach 19 Uhr, Wochenende, Feiertage) je Stunde und Kind; 1 Std./Woche mittelbare Bildungsarbeit; "
            "Monatspauschale für einen Vertretungsplatz.",
    "R-G4": "Erstattungen je Tagespflegeperson nach Nachweis: Unfallversicherung bis zum gesetzlichen Beitrag, "
            "die Hälfte der Alterssicherung, die Hälfte der Kranken- und Pflegeversicherung.",
    "R-G5": "Ausfall der Tagespflegeperson bis 6 Wochen im Jahr: die Zahlung läuft weiter; eine vom "
            "Fachdienst vermittelte Vertretung erhält für diese Tage die kindbezogenen Beträge (Nr. 5.3).",
    "R-G6": "Abwesenheit des Kindes: die Zahlung läuft nach dem Betreuungsvertrag weiter.",
    "R-G7": "Übernachtung bei der Tagespflegeperson: pauschal 2 Stunden je Nacht für 21–6 Uhr (Nr. 5.4).",
    "R-G10": "Überzahlung: ein negativer Saldo wird nicht ausgezahlt, sondern in den Folgemonat vorgetragen; "
             "ohne weitere Zahlungen folgt ein Rückforderungsbescheid.",
    "R-G11": "Einzelfallentscheidung des Fachdienstes (z. B. Übernachtung mehrerer Kinder im Haushalt der "
             "Eltern, Nr. 5.4): Betrag, Zeitraum und Grund sind erfasst.",
    "R-K4": "Eine Änderung wirkt ab ihrem Datum; ein abgeschlossener Monat wird nicht geändert, sondern im "
            "nächsten offenen Monat korrigiert.",
}

# berechnung.md §5, §6, §8: the formula of each position (h weekly hours, n nights, o off-hours,
# f monatsfaktor, r hourly rate, p percentage, d/D days of the segment / days of the month)
FORMULAS = {
    BETREUUNG: "(h + 2·n) · f · r · d / D",
    MBA: "1 · f · r · d / D",
    RANDZEIT: "(o + 2·n) · f · Randzeitzuschlag · d / D",
    BESONDERER_BEDARF: "(h + 2·n) · f · r · p / 100 · d / D",
    FEIERTAG: "Stunden der Monatsmeldung · Randzeitzuschlag (ohne f, ohne Anteil)",
    VERTRETUNGSPLATZ: "Pauschale · d / D",
    UNFALL: "100 % des Nachweises, höchstens der Höchstbetrag der Satztabelle",
    ALTER: "50 % des Nachweises (privat: höchstens 50 % des Mindestbeitrags)",
    KRANKEN: "50 % des Nachweises, höchstens 50 % des Höchstbetrags",
    EINZELFALL: "Betrag der Einzelfallentscheidung",
    UEBERTRAG: "negativer Saldo des Vormonats",
    VORTRAG: "negativer Saldo, in den Folgemonat vorgetragen",
}
LEGEND = ("h = Wochenstunden, n = Übernachtungen je Woche, o = Randzeitstunden je Woche, f = Monatsfaktor, "
          "r = Stundensatz der Stufe, p = Prozentsatz, d/D = Tage des Abschnitts / Tage des Monats")


rate_text = rate  # 2 to 4 decimals: 6.7000 → '6,70 €', 1.2345 → '1,2345 €' (the one formatter)


def rule_text(rule: str) -> str:
    return RULE_TEXTS.get(rule, "")


def formula(position: str) -> str:
    if position.startswith(KORREKTUR_PREFIX):
        base = FORMULAS.get(position[len(KORREKTUR_PREFIX):], "")
        return f"Differenz neu − bisher ({base})" if base else "Differenz neu − bisher"
    return FORMULAS.get(position, "")


class WhyPanel(QFrame):
    """Shows one line; `show_line(line, carer_label, child_label)`, `clear()`, `plain_text()`."""

    EMPTY = "Eine Position anklicken – hier steht dann, wie ihr Betrag zustande kommt."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("whyPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel("Warum?")
        self.title.setStyleSheet("font-weight: 600; font-size: 11pt; color: #1f4e79;")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setStyleSheet("background: transparent;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        self.line: Line | None = None
        self.clear()

    def clear(self) -> None:
        self.line = None
        self.title.setText("Warum?")
        self.body.setHtml(f"<p style='color:#555'>{escape(self.EMPTY)}</p>")

    def show_line(self, line: Line, carer_label: str = "", child_label: str = "") -> None:
        self.line = line
        self.title.setText(f"Warum {money(line.amount)}?")
        days = (line.bis - line.von).days + 1
        rows = [
            ("Tagespflegeperson", carer_label or line.carer_nr),
            ("Kind", child_label or line.child_nr or "– (Position der Tagespflegeperson)"),
            ("Position", line.position),
            ("Regel", f"<b>{escape(line.rule)}</b> – {escape(rule_text(line.rule))}" if rule_text(line.rule)
             else f"<b>{escape(line.rule)}</b>"),
            ("Formel", formula(line.position)),
            ("Zeitraum", f"{day(line.von)} – {day(line.bis)} ({days} {'Tag' if days == 1 else 'Tage'})"),
            ("Stunden", f"{hours(line.hours)} Std." if line.hours is not None else "–"),
            ("Satz", rate_text(line.rate) or "–"),
            ("Rechnung", f"{escape(line.why)} = <b>{escape(money(line.amount))}</b>" if line.why else "–"),
            ("Betrag", f"<b>{escape(money(line.amount))}</b>"),
        ]
        html = ["<table cellspacing='0' cellpadding='2'>"]
        for label, value in rows:
            shown = value if label in ("Regel", "Rechnung", "Betrag") else escape(value)
            html.append(f"<tr><td style='color:#555; padding-right:10px' valign='top'>{label}</td>"
                        f"<td valign='top'>{shown}</td></tr>")
        html.append("</table>")
        html.append(f"<p style='color:#666; font-size:small'>{escape(LEGEND)}. Jede Position wird als ein "
                    "Ausdruck berechnet und einmal kaufmännisch auf den Cent gerundet.</p>")
        self.body.setHtml("".join(html))

    def plain_text(self) -> str:
        return f"{self.title.text()}\n{self.body.toPlainText()}"
