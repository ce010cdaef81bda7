"""`kitadesk init` — create or upgrade the database (backup copy of an SQLite file first)."""

from kitadesk.store import head_revision, upgrade


def register(sub) -> None:
    p = sub.add_parser("init", help="Datenbank anlegen oder aktualisieren",
                       description="Legt die Datenbank an (eingebettete SQLite-Datei oder leere PostgreSQL-Datenbank) "
                                   "oder bringt eine ältere auf den Stand dieses Programms; von einer SQLite-Datei "
                                   "wird vorher eine Sicherungskopie daneben abgelegt. Welche Datenbank: --db, sonst "
                                   "KITADESK_DB, kitadesk.ini oder die eingebettete Datei.")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    copy = upgrade(ctx.store.engine)
    if copy:
        print(f"Sicherungskopie vor dem Update: {copy}")
    print(f"Datenbank bereit ({ctx.store.describe()}), Schema-Stand {head_revision()}.")
    return 0
