"""`kitadesk backup FILE` / `kitadesk restore FILE` — consistent full backup and restore
(interfaces.md §2); restore refuses a newer schema or a damaged backup, keeps a safety copy
first, and creates a database that does not exist yet (the new-PC case). A backup with other
users needs the password of one of its Admins (KITADESK_PASSWORT or a prompt)."""

from kitadesk.ops import backup as ops


def register(sub) -> None:
    b = sub.add_parser("backup", help="vollständige Sicherung der Datenbank in eine Datei",
                       description="Schreibt eine vollständige, in sich stimmige Sicherung der Datenbank in DATEI "
                                   "(SQLite: eine Kopie der Datenbankdatei; PostgreSQL: ein Abzug). Mit "
                                   "„kitadesk restore DATEI“ wird sie zurückgespielt.")
    b.add_argument("file", metavar="DATEI", help="Zieldatei der Sicherung, z. B. kitadesk-2026-11-30.sqlite3")
    b.set_defaults(handler=run_backup)
    r = sub.add_parser("restore", help="Datenbank aus einer Sicherung wiederherstellen",
                       description="Ersetzt den Inhalt der Datenbank durch die Sicherung DATEI. Vorher wird der "
                                   "jetzige Stand als Sicherheitskopie abgelegt; eine Sicherung eines neueren "
                                   "Programmstands wird abgelehnt, eine ältere auf den aktuellen Stand gebracht.")
    r.add_argument("file", metavar="DATEI", help="die Sicherung (von kitadesk backup oder der täglichen Sicherung)")
    r.add_argument("--sicherheitskopie", metavar="ORDNER",
                   help="Ordner für die Sicherheitskopie des jetzigen Stands (Standard: neben der Datenbank "
                        "bzw. im Ordner Sicherungen)")
    r.set_defaults(handler=run_restore)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",") if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def run_backup(ctx, args) -> int:
    result = ops.backup(ctx.store, ctx.user, args.file)
    print(f"Sicherung geschrieben: {result.path} ({_size(result.size)}, Schema-Stand {result.revision}).")
    return 0


def run_restore(ctx, args) -> int:
    result = ops.restore(ctx.store, ctx.user, args.file, safety_dir=args.sicherheitskopie)
    if result.safety_copy is not None:
        print(f"Sicherheitskopie des bisherigen Stands: {result.safety_copy}")
    upgraded = " und auf den aktuellen Schema-Stand gebracht" if result.upgraded else ""
    created = " (neu angelegt)" if result.created else ""
    print(f"Datenbank{created} aus {result.source} wiederhergestellt{upgraded}.")
    return 0
