"""Names of anonymised people out of payout runs' warnings (issue 18 item 9). A draft run's
warnings are changed in place; a finalized run is immutable, so its texts get a Redaction
(models/redactions.py, audited) that every reading of the run shows instead."""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.models import ABGESCHLOSSEN, PayoutRun, Redaction

BLACKED = "[geschwärzt]"


def name_pattern(names: list[tuple[str, str]]) -> re.Pattern | None:
    """(nachname, vorname) pairs → one pattern of the full names first, then each part alone
    (parts of fewer than three letters are left: they would hit ordinary words)."""
    words: set[str] = set()
    for nachname, vorname in names:
        for text in (f"{nachname}, {vorname}", f"{vorname} {nachname}", nachname, vorname):
            text = text.strip(" ,")
            if len(text) >= 3:
                words.add(text)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def redact_runs(session: Session, names: list[tuple[str, str]], grund: str) -> int:
    """Replace the names in every run's warnings; returns how many texts were redacted."""
    pattern = name_pattern(names)
    if pattern is None:
        return 0
    done = 0
    for run in session.scalars(select(PayoutRun)):
        shown = list(run.warnungen or [])
        new = [pattern.sub(BLACKED, text) if isinstance(text, str) else text for text in shown]
        changed = [i for i, (a, b) in enumerate(zip(shown, new)) if a != b]
        if not changed:
            continue
        done += len(changed)
        if run.status != ABGESCHLOSSEN:
            run.warnungen = new
            continue
        existing = {r.position: r for r in session.scalars(
            select(Redaction).where(Redaction.run_id == run.id, Redaction.feld == "warnungen"))}
        for i in changed:
            if i in existing:
                existing[i].text, existing[i].grund = new[i], grund[:200]
            else:
                session.add(Redaction(run_id=run.id, feld="warnungen", position=i, text=new[i], grund=grund[:200]))
    return done
