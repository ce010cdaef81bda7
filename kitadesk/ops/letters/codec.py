"""Letter input ↔ JSON for the archive (R-V3): `Letter.eingabe` keeps the exact input a PDF was
made from, so it can be read back and rendered again to the same bytes.

Tags keep types exact: {"$d": "12.30"} Decimal (with its exponent), {"$t": "2026-04-01"} date,
{"$c": "CarerBescheid", …fields} a letter dataclass; lists come back as tuples.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from kitadesk.reports import letters as L

CLASSES = {cls.__name__: cls for cls in (
    L.ParentsBescheid, L.CarerBescheid, L.Aenderungsbescheid, L.Ablehnung, L.Jahresbescheinigung,
    L.Letterhead, L.SrtContact, L.Address, L.LetterLine, L.Change, L.MonthAmount,
    L.CareTerm, L.FeePeriod)}


def encode(value):
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, date):
        return {"$t": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {"$c": type(value).__name__}
        out.update({f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)})
        return out
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(value):
    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    if isinstance(value, dict):
        if "$d" in value:
            return Decimal(value["$d"])
        if "$t" in value:
            return date.fromisoformat(value["$t"])
        if "$c" in value:
            cls = CLASSES[value["$c"]]
            return cls(**{k: decode(v) for k, v in value.items() if k != "$c"})
        return {k: decode(v) for k, v in value.items()}
    return value
