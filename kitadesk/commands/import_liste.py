"""`kitadesk import-liste DATEI [--blatt NAME] [--zuordnung PROFIL.toml] [--profil-speichern
PROFIL.toml] [--fest FELD=WERT] [--dry-run] [--fehlerliste F.xlsx]` — an office's own list
(xlsx or csv) through a mapping into the import, all or nothing (issue 19.1).

Without --zuordnung: a saved profile of the same shape, else the proposal if it is complete and
sure; otherwise exit 1 with the proposal and what is missing. Problems name the list's sheet,
row and column (`Blatt, Zeile, Spalte: Meldung`), exit 1, nothing written."""

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("import-liste", help="eigene Liste (xlsx/csv) zuordnen und importieren – alles oder nichts")
    p.add_argument("file", metavar="DATEI", help="die Liste (.xlsx oder .csv mit ; und Dezimalkomma)")
    p.add_argument("--blatt", metavar="NAME", help="Blatt der Arbeitsmappe (Standard: das erste)")
    p.add_argument("--zuordnung", metavar="PROFIL.toml", help="gespeicherte Zuordnung verwenden")
    p.add_argument("--profil-speichern", metavar="PROFIL.toml",
                   help="die verwendete Zuordnung hier (und im Ordner der Zuordnungen) speichern")
    p.add_argument("--fest", metavar="FELD=WERT", action="append", default=[],
                   help="fester Wert für jede Zeile, z. B. Tagespflegepersonen.SRT=Ost (mehrfach möglich)")
    p.add_argument("--dry-run", action="store_true", help="nur prüfen und zählen, nichts speichern")
    p.add_argument("--duplikate-bestaetigt", action="store_true",
                   help="neue Kinder und Tagespflegepersonen auch dann anlegen, wenn sie möglichen Duplikaten "
                        "gleichen (nach Prüfung)")
    p.add_argument("--fehlerliste", metavar="F.xlsx", help="Probleme zusätzlich als Arbeitsmappe schreiben")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    from kitadesk.commands.import_ import print_problems, print_result
    from kitadesk.errors import InputError
    from kitadesk.importer import list_profiles
    from kitadesk.importer.list_source import sheet_names
    from kitadesk.ops.import_ import ImportProblems
    from kitadesk.ops.list_import import import_lists, mapping_problems, unmapped

    path = Path(args.file)
    profile = list_profiles.read_profile(args.zuordnung) if args.zuordnung else None
    names = [args.blatt] if args.blatt else sheet_names(path)
    several = len(names) > 1  # a workbook of several sheets: each its mapping, all in one import
    pairs, failed = [], False
    for name in names:
        chosen = _sheet_mapping(path, name, profile, args.zuordnung, several)
        if chosen is None:
            continue
        source, mapping, unsure = chosen
        _apply_fixed(mapping, args.fest)
        problems = mapping_problems(mapping, source) + unsure
        if problems:
            _print_mapping(mapping, source)
            print(f"Fehler: Die Zuordnung für {source.name} ist nicht vollständig oder nicht eindeutig; nichts wurde "
                  "übernommen. Bitte mit --zuordnung PROFIL.toml oder --fest FELD=WERT ergänzen (oder im Programm: "
                  "Datei → „Liste zuordnen und importieren…“).", file=sys.stderr)
            for line in problems:
                print(line, file=sys.stderr)
            failed = True
            continue
        for header in unmapped(mapping, source):
            print(f"Hinweis: {source.name}: Spalte „{header}“ wird nicht übernommen.")
        pairs.append((source, mapping))
    if failed:
        return 1
    if not pairs:
        raise InputError(f"In {path.name} passt kein Blatt zu den Feldern des Imports; nichts wurde übernommen.")
    if args.profil_speichern:
        for index, (source, mapping) in enumerate(pairs):  # the chosen file gets the first sheet's mapping
            for saved in list_profiles.save_profile(mapping, source.name, args.profil_speichern if index == 0 else None):
                print(f"Zuordnung gespeichert: {saved}")
    try:
        result = import_lists(ctx.store, ctx.user, pairs, dry_run=args.dry_run,
                              confirmed_duplicates=args.duplikate_bestaetigt)
    except InputError as exc:
        print_problems(exc)
        if args.fehlerliste and isinstance(exc, ImportProblems):
            _error_workbook(path, exc.located, Path(args.fehlerliste))
        return 1
    print_result(result)
    return 0


def _sheet_mapping(path: Path, name: str, profile, profile_file: str | None, several: bool):
    """(source, mapping, close calls) of one sheet: the given profile, a saved profile of the
    sheet's shape, else the proposal; None = a sheet of a workbook with nothing to import."""
    from kitadesk.domain.list_mapping.mapping import shape_key
    from kitadesk.errors import InputError
    from kitadesk.importer import list_profiles
    from kitadesk.importer.list_source import read_source

    if profile is not None and not several:
        print(f"Zuordnung: {profile_file}")
        return read_source(path, name, profile.header_row), profile, []
    try:
        source = read_source(path, name)
    except InputError as exc:
        if not several:
            raise
        print(f"Hinweis: {exc.message} Blatt {name} wird nicht übernommen.")
        return None
    if profile is not None and (shape_key(source.headers) == profile.shape or name == profile.sheet):
        print(f"Zuordnung für {name}: {profile_file}")
        if profile.header_row != source.header_row:
            source = read_source(path, name, profile.header_row)
        return source, profile, []
    found = list_profiles.find_profile(source.headers)
    if found:
        print(f"Zuordnung (gleiche Form) für {source.name}: {found[0]}")
        return source, found[1], []
    proposal = _proposal(source)
    if several and sum(1 for key in proposal.mapping.columns.values() if key) < 2:
        print(f"Hinweis: Blatt {name} hat keine passenden Spalten und wird nicht übernommen.")
        return None
    print(f"Zuordnung für {source.name}: Vorschlag (keine gespeicherte Zuordnung dieser Form)")
    return source, proposal.mapping, proposal.unsure


def _proposal(source):
    from datetime import date

    from kitadesk.domain.list_mapping.propose import propose

    return propose(source.headers, source.samples(), date.today(), source.header_row, source.name)


def _apply_fixed(mapping, pairs: list[str]) -> None:
    from kitadesk.domain.list_mapping.fields import BY_KEY
    from kitadesk.errors import InputError

    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key.strip() not in BY_KEY:
            raise InputError(f"--fest „{pair}“: erwartet FELD=WERT mit einem Feld wie Tagespflegepersonen.SRT.")
        mapping.fixed[key.strip()] = value.strip()


def _print_mapping(mapping, source) -> None:
    from kitadesk.domain.list_mapping.fields import BY_KEY, KIND_LABELS

    print(f"Vorschlag für {source.name} ({KIND_LABELS[mapping.kind]}, Kopfzeile {mapping.header_row}):",
          file=sys.stderr)
    for header in source.headers:
        key = mapping.columns.get(header, "")
        shown = f"{key} ({BY_KEY[key].label})" if key in BY_KEY else "– (nicht übernommen)"
        print(f"  {header or '(ohne Überschrift)'} → {shown}", file=sys.stderr)
    for key, value in mapping.fixed.items():
        print(f"  fester Wert {key} = {value}", file=sys.stderr)


def _error_workbook(source: Path, located, target: Path) -> None:
    """The Fehlerliste of an office list: the xlsx annotated, a csv as a workbook of its rows
    (ops.import_.write_problem_list, reports/error_workbook.py)."""
    from kitadesk.ops.import_ import write_problem_list

    if source.suffix.lower() == ".csv":
        from kitadesk.importer.list_source import csv_rows

        rows = [list(values) for _number, values in csv_rows(source)]
        written = write_problem_list({located[0].sheet if located else source.name: rows}, located, target)
    else:
        written = write_problem_list(source, located, target)
    print(f"Fehlerliste geschrieben: {written}", file=sys.stderr)