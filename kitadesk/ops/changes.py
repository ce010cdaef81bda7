"""What a write operation changed (issue 17.2, in the spirit of anki's OpChanges): the window
broadcasts it on ONE bus signal and every open view decides from it whether to reload — no
view types entity names by hand.

A `Changes` behaves like the frozenset of its entity names (`"child" in changes`,
`changes & WATCH`, `changes - {PAYOUT}`, equal to `frozenset({"carer"})`), so a view written
against the set keeps working; `ids` names the records where the op knows them."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

CARER, CHILD, PLACEMENT = "carer", "child", "placement"
PAYOUT, LETTERS, SETTINGS, QIK, REMINDER = "payout", "letters", "settings", "qik", "reminder"
# payout inputs (ops/records/pay_inputs.py) and a carer's records on the carer form's tabs
# (ops/records/carer_records.py KINDS)
ABSENCE, MELDUNG, SONDER = "absence", "monatsmeldung", "sonderbetrag"
CARER_RECORDS = ("erlaubnis", "dokument", "nachweis", "fortbildung", "vertretungsplatz", "notiz", "qualikosten")
ENTITIES = frozenset({CARER, CHILD, PLACEMENT, PAYOUT, LETTERS, SETTINGS, QIK, REMINDER, ABSENCE, MELDUNG, SONDER,
                      *CARER_RECORDS})


@dataclass(frozen=True)
class Changes:
    entities: frozenset[str] = frozenset()
    ids: frozenset[tuple[str, int]] = field(default=frozenset())  # (entity, record id)

    def __post_init__(self) -> None:
        unknown = set(self.entities) - ENTITIES
        if unknown:
            raise ValueError(f"unknown entities {sorted(unknown)}")
        object.__setattr__(self, "entities", frozenset(self.entities))

    @classmethod
    def of(cls, *entities: str, ids: Iterable[tuple[str, int]] = ()) -> "Changes":
        return cls(frozenset(entities), frozenset(ids))

    @classmethod
    def record(cls, entity: str, record_id: int, *also: str) -> "Changes":
        """One record changed (and with it what depends on it, `also`)."""
        return cls(frozenset({entity, *also}), frozenset({(entity, record_id)}))

    def __or__(self, other: "Changes | Iterable[str]") -> "Changes":
        other = as_changes(other)
        return Changes(self.entities | other.entities, self.ids | other.ids)

    # -- read like the set of entity names
    def __contains__(self, entity: object) -> bool:
        return entity in self.entities

    def __iter__(self) -> Iterator[str]:
        return iter(self.entities)

    def __len__(self) -> int:
        return len(self.entities)

    def __and__(self, other: Iterable[str]) -> frozenset[str]:
        return self.entities & frozenset(other)

    def __sub__(self, other: Iterable[str]) -> frozenset[str]:
        return self.entities - frozenset(other)

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, Changes):
            return self.entities == other.entities and self.ids == other.ids
        if isinstance(other, (set, frozenset)):
            return self.entities == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.entities, self.ids))


NOTHING = Changes()


def as_changes(value: "Changes | Iterable[str] | None") -> Changes:
    """A change set from an op's result: a Changes, an object carrying `.changes` (a record
    op's Change, a payout RunSummary) or entity names; None → nothing changed."""
    if value is None:
        return NOTHING
    if isinstance(value, Changes):
        return value
    carried = getattr(value, "changes", None)
    if isinstance(carried, Changes):
        return carried
    return Changes(frozenset(value))  # type: ignore[arg-type]


def carried_changes(result: object) -> Changes | None:
    """The change set an op's result carries (itself or its `.changes`), else None."""
    if isinstance(result, Changes):
        return result
    carried = getattr(result, "changes", None)
    return carried if isinstance(carried, Changes) else None
