"""`kitadesk init` — create or upgrade the database (backup copy of an SQLite file first).
`kitadesk init --postgres-rollen [--anwenden]` prints (and applies) the PostgreSQL roles and
grants that make the shared database enforce what matters (issue 18, models/pg_roles.py)."""

from kitadesk.errors import KitaDeskError
from kitadesk.ops.database import init_schema, postgres_roles


def register(sub) -> None:
    p = sub.add_parser("init", help="Datenbank anlegen oder aktualisieren",
                       description="Legt die Datenbank an (eingebettete SQLite-Datei oder leere PostgreSQL-Datenbank) "
                                   "oder bringt eine ältere auf den Stand dieses Programms; von einer SQLite-Datei "
                                   "wird vorher eine Sicherungskopie daneben abgelegt. Welche Datenbank: --db, sonst "
                                   "KITADESK_DB, kitadesk.ini oder die eingebettete Datei.")
    p.add_argument("--postgres-rollen", action="store_true",
                   help="SQL für die Datenbank-Rollen ausgeben (kitadesk_app, kitadesk_leitung, kitadesk_verwaltung)")
    p.add_argument("--anwenden", action="store_true", help="mit --postgres-rollen: das SQL auch ausführen "
                                                            "(als Eigentümer der Tabellen)")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    if args.anwenden and not args.postgres_rollen:
        raise KitaDeskError("--anwenden gehört zu --postgres-rollen.")
    copy, revision = init_schema(ctx.store)
    if copy:
        print(f"Sicherungskopie vor dem Update: {copy}")
    print(f"Datenbank bereit ({ctx.store.describe()}), Schema-Stand {revision}.")
    if args.postgres_rollen:
        print("\n".join(postgres_roles(ctx.store, args.anwenden)))
        if args.anwenden:
            print("Rollen und Rechte angewendet.")
    return 0
