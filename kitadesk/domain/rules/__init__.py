"""Record rules (issue 15): one function per rule group and record kind, asked by the forms
(ops.records), the import (importer.checks_rows) and the completeness check alike.

Each rule returns `Problem(field, rule, text)`: `field` is the domain/form field name
(the importer maps it to its sheet column, importer.schema `Column.field`), `rule` the
rule id of domain.md (empty for plain form checks), `text` a German sentence that reads
well next to a form field and after `Blatt, Zeile, Spalte:`.

Modules: limits (the numbers, once), carer, child, placement, absence, proof, tables.
This package's __init__ imports nothing of its own, so domain modules (capacity,
reminders) can import `rules.limits` without a cycle.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    field: str
    rule: str
    text: str

    @property
    def message(self) -> str:
        """The text with its rule id, as form and import show it."""
        if not self.rule:
            return self.text
        body, stop = (self.text[:-1], ".") if self.text.endswith(".") else (self.text, "")
        return f"{body} ({self.rule}){stop}"

    def __str__(self) -> str:
        return self.message


def by_field(problems: Iterable[Problem]) -> dict[str, str]:
    """Field → message of its first problem (a form shows one message per field)."""
    result: dict[str, str] = {}
    for p in problems:
        result.setdefault(p.field, p.message)
    return result
