"""The retention run (ops/privacy.py) in words — one text for `kitadesk datenschutz` and the
settings tab "Datenschutz": what would be (or was) anonymised."""

from kitadesk.ops.privacy import Candidate, Preview


def candidate_line(c: Candidate) -> str:
    end = f"{c.ende:%d.%m.%Y}" if c.ende else "–"
    return f"{c.nr} {c.name} (SRT {c.srt or '–'}), Ende {end}"


def head_line(p: Preview) -> str:
    return (f"Aufbewahrungsfrist {p.jahre} Jahre: anonymisiert wird, wessen letzte Betreuung (bzw. Tätigkeit "
            f"oder Antrag) vor dem {p.stichtag:%d.%m.%Y} endete.")


def count_lines(p: Preview) -> list[str]:
    return [f"Tagespflegepersonen: {len(p.carers)}", f"Kinder: {len(p.children)}",
            f"Bescheide/Briefe, die gelöscht werden: {p.letters}",
            f"Familien, deren Einkommen gelöscht wird: {len(p.families)}"]


def preview_lines(p: Preview) -> list[str]:
    lines = [head_line(p), *count_lines(p)]
    for title, people in (("Tagespflegepersonen", p.carers), ("Kinder", p.children)):
        if people:
            lines.append(f"{title}:")
            lines += [f"  {candidate_line(c)}" for c in people]
    return lines


def done_line(p: Preview) -> str:
    if p.empty:
        return "Nichts zu anonymisieren – keine Aufbewahrungsfrist ist abgelaufen."
    return (f"Anonymisiert: {len(p.carers)} Tagespflegepersonen, {len(p.children)} Kinder; "
            f"{p.letters} Bescheide/Briefe gelöscht.")
