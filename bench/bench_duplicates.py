"""Duplicate check over 10,000 children (issue 19 target ≤ 0.5 s; blocking by birth date).

    python bench/bench_duplicates.py [--children 10000] [--import-rows 2500]

Generates children with the demo's name lists and birth dates over three years, plants 1 % of
spelling-variant duplicates, and times `find_duplicates` (median of 5)."""

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kitadesk.demo.names import BOYS, GIRLS, SURNAMES  # noqa: E402
from kitadesk.domain.duplicates import Person, find_duplicates  # noqa: E402

VARIANTS = {"ü": "ue", "ö": "oe", "ä": "ae", "ı": "i", "ş": "s", "ç": "c", "ß": "ss"}


def people(n: int, seed: int = 1) -> list[Person]:
    rng = random.Random(seed)
    first_names = [n for group in (*GIRLS.values(), *BOYS.values()) for n in group]
    last_names = [n for group in SURNAMES.values() for n in group]
    out = []
    for i in range(n):
        born = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
        out.append(Person(f"K{i:05d}", rng.choice(last_names), rng.choice(first_names), born, "Ost"))
    for i in range(n // 100):  # planted variants
        p = rng.choice(out)
        name = "".join(VARIANTS.get(ch, ch) for ch in p.nachname)
        out.append(Person(f"D{i:05d}", name, p.vorname, p.geburtsdatum, p.srt))
    return out


def import_check(stored: list[Person], rows: int) -> None:
    from kitadesk.importer.checks_duplicates import check_possible_duplicates
    from kitadesk.importer.problems import Problems
    from kitadesk.importer.reader import Row, SheetData
    from kitadesk.importer.schema import CARERS, CHILDREN

    new = people(rows, seed=2)
    sheet = SheetData(CHILDREN, rows=[Row(i + 2, {"Nr": f"N{i:05d}", "Nachname": p.nachname, "Vorname": p.vorname,
                                                  "Geburtsdatum": p.geburtsdatum}) for i, p in enumerate(new)])
    data = {CHILDREN.name: sheet, CARERS.name: SheetData(CARERS)}
    times, problems = [], Problems()
    for _ in range(5):
        problems = Problems()
        start = time.perf_counter()
        check_possible_duplicates(data, {CHILDREN.name: stored}, problems)
        times.append(time.perf_counter() - start)
    print(f"Import: {len(sheet.rows):,} neue Kinder gegen {len(stored):,} gespeicherte: {len(problems)} Meldungen; "
          f"Median {statistics.median(times) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--import-rows", type=int, default=2_500)
    args = parser.parse_args()
    data = people(args.children)
    times, found = [], []
    for _ in range(5):
        start = time.perf_counter()
        found = find_duplicates(data)
        times.append(time.perf_counter() - start)
    print(f"{len(data):,} Kinder: {len(found)} mögliche Duplikate; Median {statistics.median(times) * 1000:.0f} ms "
          f"(min {min(times) * 1000:.0f} ms, Ziel ≤ 500 ms)")
    import_check(data, args.import_rows)


if __name__ == "__main__":
    main()
