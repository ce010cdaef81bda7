"""The salutation of a letter from what is known of its recipient (R-V2; issue 15 item 10).

- a person with Geschlecht w/m: "Sehr geehrte Frau Roth," / "Sehr geehrter Herr Roth,";
- parents from the Sorgeberechtigte field ("Frau Eva Roth, Herrn Jan Roth"): one greeting per
  person when every name carries Frau/Herr(n) ("Sehr geehrte Frau Roth, sehr geehrter Herr Roth,"),
  otherwise "Guten Tag Eva Roth und Jan Roth,";
- a named person without Geschlecht (or "d"): "Guten Tag Kim Beispiel,";
- "Sehr geehrte Damen und Herren," only when no name is known.

Academic titles stay with the surname ("Frau Dr. Eva Roth" → "Sehr geehrte Frau Dr. Roth,"),
name particles too ("Herrn Jan van Dijk" → "Sehr geehrter Herr van Dijk,").
"""

import re

UNKNOWN = "Sehr geehrte Damen und Herren,"
_SEPARATORS = re.compile(r"\s*(?:[,;/&+]|\bund\b)\s*")
_TITLED = re.compile(r"^(Frau|Herrn?)\s+(.+)$")
_ACADEMIC = re.compile(r"^(?:Dr\.|Prof\.)$")
_PARTICLES = {"von", "van", "de", "der", "den", "zu", "zur", "vom", "ter", "ten", "da", "di", "le", "la"}


def _greeting(title: str, surname: str) -> str:
    return f"sehr geehrte Frau {surname}" if title == "Frau" else f"sehr geehrter Herr {surname}"


def _surname(words: list[str]) -> str:
    """The last name with its particles and the academic titles in front ('Dr. van Dijk')."""
    titles = [w for w in words if _ACADEMIC.match(w)]
    names = [w for w in words if not _ACADEMIC.match(w)]
    if not names:
        return ""
    start = len(names) - 1
    while start > 1 and names[start - 1].casefold() in _PARTICLES:
        start -= 1
    if start == 1 and len(names) > 1 and names[0].casefold() in _PARTICLES:
        start = 0
    return " ".join([*titles, *names[start:]])


def _capitalized(text: str) -> str:
    return text[0].upper() + text[1:]


def person_salutation(geschlecht: str | None, vorname: str, nachname: str) -> str:
    """A single person (Tagespflegeperson): by Geschlecht, else by name, else the general form."""
    nachname, vorname = (nachname or "").strip(), (vorname or "").strip()
    if nachname and geschlecht in ("w", "m"):
        return _capitalized(_greeting("Frau" if geschlecht == "w" else "Herr", nachname)) + ","
    name = f"{vorname} {nachname}".strip()
    return f"Guten Tag {name}," if name else UNKNOWN


def names_of(text: str) -> list[str]:
    """'Frau Eva Roth, Herrn Jan Roth' → ['Frau Eva Roth', 'Herrn Jan Roth'] (also ';', '/', 'und')."""
    return [part.strip() for part in _SEPARATORS.split(text or "") if part and part.strip()]


def parents_salutation(sorgeberechtigte: str) -> str:
    """The Personensorgeberechtigten as written in the child's record."""
    people = names_of(sorgeberechtigte)
    if not people:
        return UNKNOWN
    greetings = []
    for person in people:
        match = _TITLED.match(person)
        surname = _surname(match.group(2).split()) if match else ""
        if match is None or not surname:
            return "Guten Tag " + " und ".join(people) + ","
        greetings.append(_greeting("Frau" if match.group(1) == "Frau" else "Herr", surname))
    return _capitalized(", ".join(greetings)) + ","
