"""`kitadesk init` — create or upgrade the database (backup copy of an SQLite file first).
`kitadesk init --postgres-rollen [--anwenden]` prints (and applies) the PostgreSQL roles and
grants that make the shared database enforce what matters (issue 18, models/pg_roles.py)."""

from sqlalchemy.exc import SQLAlchemyError

from kitadesk.errors import KitaDeskError
from kitadesk.models import pg_roles
from kitadesk.store import head_revision, upgrade


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
    copy = upgrade(ctx.store.engine)
    if copy:
        print(f"Sicherungskopie vor dem Update: {copy}")
    print(f"Datenbank bereit ({ctx.store.describe()}), Schema-Stand {head_revision()}.")
    if args.postgres_rollen:
        return _roles(ctx, args.anwenden)
    return 0


def _roles(ctx, apply: bool) -> int:
    engine = ctx.store.engine
    if engine.dialect.name != "postgresql":
        raise KitaDeskError("--postgres-rollen gilt nur für die gemeinsame PostgreSQL-Datenbank, nicht für SQLite.")
    print("\n".join(f"{statement};" for statement in pg_roles.script_for(engine)))
    print(pg_roles.login_hint(engine.url.database))
    if apply:
        try:
            pg_roles.apply(engine)
        except SQLAlchemyError as exc:
            raise KitaDeskError(f"Die Rechte wurden nicht angewendet (nichts geändert) – bitte als Eigentümer der "
                                f"Tabellen ausführen: {str(exc.orig or exc).splitlines()[0]}") from exc
        print("Rollen und Rechte angewendet.")
    return 0
