"""The proposal: which field each column of an office list holds, by header similarity
(German synonyms, folded) and by the values' shape; and which kind of list it is."""

import difflib
from dataclasses import dataclass, field
from datetime import date

from kitadesk.domain.list_mapping import fields as f
from kitadesk.domain.list_mapping.mapping import Mapping, fold_header, missing, shape_key
from kitadesk.domain.list_mapping.values import column_shape

ACCEPT = 0.55  # a column gets a field from this score on
CLOSE = 0.1  # two candidates this close: the proposal is unsure
_SHAPE_ONLY = {f.IBAN: 0.6, f.EMAIL: 0.6, f.PLZ: 0.55}  # shapes telling the field without a header
_TYPED = {f.DATE, f.IBAN, f.PLZ, f.HOURS, f.EMAIL}
_CARER_REF = {f"{f.BETREUUNGEN}.TPP_Nr", f"{f.BETREUUNGEN}.{f.CARER_NAME}"}
_CHILD_REF = {f"{f.BETREUUNGEN}.Kind_Nr", f"{f.BETREUUNGEN}.{f.CHILD_NAME}"}


@dataclass
class ColumnGuess:
    header: str
    key: str  # "" = none
    score: float
    shape: str | None
    alternatives: list[tuple[str, float]] = field(default_factory=list)  # (key, score), best first


@dataclass
class Proposal:
    mapping: Mapping
    guesses: list[ColumnGuess]
    unsure: list[str]  # German notes on close calls

    @property
    def certain(self) -> bool:
        return not self.unsure


def header_score(header: str, target: f.Target) -> float:
    h = fold_header(header)
    if not h:
        return 0.0
    best = 0.0
    for synonym in target.synonyms:
        s = fold_header(synonym)
        if h == s:
            return 1.0
        ratio = difflib.SequenceMatcher(None, h, s).ratio()
        if ratio >= 0.85:
            best = max(best, ratio * 0.9)
        elif len(s) >= 4 and (f" {s} " in f" {h} " or (len(h) >= 4 and f" {h} " in f" {s} ")):
            best = max(best, 0.6)
    return best


def score(header: str, shape: tuple[str | None, float], target: f.Target) -> float:
    kind, share = shape
    value = header_score(header, target)
    clear = share >= 0.6
    if target.shape and clear and kind == target.shape:
        value = value + 0.3 if value else _SHAPE_ONLY.get(kind, 0.0)
    elif target.shape in _TYPED and clear and kind not in (target.shape, None) and not (
            target.shape == f.HOURS and kind == f.NUMBER):
        value -= 0.4
    elif clear and kind == f.NAME_PAIR and target.column not in (f.NAME_SPLIT, f.CARER_NAME, f.CHILD_NAME):
        value -= 0.3
    elif clear and kind in _TYPED and not target.shape and value < 1.0:
        value -= 0.2
    return value


def _assign(headers: list[str], shapes: list, kind: str) -> tuple[list[ColumnGuess], float]:
    targets = f.targets_for(kind)
    table = []
    for header, shape in zip(headers, shapes):
        ranked = sorted(((t.key, score(header, shape, t)) for t in targets), key=lambda x: -x[1])
        table.append(ranked)
    pairs = sorted(((s, i, k) for i, ranked in enumerate(table) for k, s in ranked if s >= ACCEPT), reverse=True)
    chosen: dict[int, tuple[str, float]] = {}
    used: set[str] = set()
    for s, i, k in pairs:
        if i not in chosen and k not in used:
            chosen[i] = (k, s)
            used.add(k)
    guesses = [ColumnGuess(h, *chosen.get(i, ("", 0.0)), shapes[i][0], table[i][:4])
               for i, h in enumerate(headers)]
    return guesses, sum(s for _, s in chosen.values())


def _fits(kind: str, keys: set[str]) -> bool:
    if kind == f.KIND_CARERS:
        return any(k.split(".", 1)[1] in f.CARER_ONLY for k in keys)
    if kind in (f.KIND_MIXED, f.KIND_PLACEMENTS):
        return bool(keys & _CARER_REF) and (kind == f.KIND_MIXED or bool(keys & _CHILD_REF))
    return True


def propose(headers: list[str], samples: list[list], today: date, header_row: int = 1,
            sheet: str | None = None) -> Proposal:
    """The proposal for a list: `samples` = per column some values (same order as headers)."""
    shapes = [column_shape(values, today) for values in samples]
    candidates = []
    for order, kind in enumerate((f.KIND_CHILDREN, f.KIND_CARERS, f.KIND_PLACEMENTS, f.KIND_MIXED)):
        guesses, total = _assign(headers, shapes, kind)
        if _fits(kind, {g.key for g in guesses if g.key}):
            mapping = Mapping(kind, {g.header: g.key for g in guesses if g.header}, header_row=header_row,
                              shape=shape_key(headers), sheet=sheet)
            # the best total; equal totals: the complete mapping, then the simpler kind
            candidates.append(((round(total, 6), not missing(mapping), -order), mapping, guesses))
    _, mapping, guesses = max(candidates, key=lambda c: c[0])  # children always fit
    return Proposal(mapping, guesses, _unsure(guesses))


def _unsure(guesses: list[ColumnGuess]) -> list[str]:
    notes = []
    for g in guesses:
        if not g.key or len(g.alternatives) < 2:
            continue
        (_, first), (other, second) = g.alternatives[0], g.alternatives[1]
        if second >= ACCEPT and first - second < CLOSE and other != g.key:
            label = f.BY_KEY[other].label
            notes.append(f"Spalte „{g.header}“: „{f.BY_KEY[g.key].label}“ oder „{label}“?")
    return notes
