"""PostgreSQL roles that make the database enforce what matters (issue 18 item 3), printed by
`kitadesk init --postgres-rollen` and applied with `--anwenden` (as the owner of the tables,
after every `kitadesk init`: new tables need their grants).

- The owner (whoever runs `kitadesk init`) owns every table; only it may change the schema
  (ALTER/DROP, DISABLE TRIGGER) — the desks never connect as the owner.
- kitadesk_app (the desks): reads everything; writes the case data; on `users` it may change
  only name, password and the lockout counters (no new users, no role, SRT, activation or
  four-eyes stamps); rate tables without their confirmation columns; no TRUNCATE anywhere,
  no DELETE on the audit log; `alembic_version` read-only.
- kitadesk_leitung (member of kitadesk_app): also confirms rate tables and finalizes payout
  runs — a trigger refuses `status = 'abgeschlossen'` to every other role.
- kitadesk_verwaltung (member of kitadesk_app): also manages users (the Admin's login).
- A trigger writes every change of `users` into the audit log itself (with the database role),
  so a change by plain SQL is visible even when no KitaDesk wrote an entry.
Each person gets an own login role in one of the three groups (see the printed comments).

Limits (honest): the app role may still set any user's password hash and lockout counters, and
read the hashes — so whoever holds a desk's database password can impersonate a KitaDesk user
of the same group; the database cannot check KitaDesk's argon2 passwords. It can enforce the
group: a desk login cannot grant roles, create accounts, confirm rates, finalize runs, change
finalized runs (triggers it cannot disable) or the schema."""

APP, LEITUNG, VERWALTUNG = "kitadesk_app", "kitadesk_leitung", "kitadesk_verwaltung"
_GROUPS = {APP: "", LEITUNG: f" IN ROLE {APP}", VERWALTUNG: f" IN ROLE {APP}"}

USERS_APP_COLUMNS = ("name", "password_hash", "passwort_gesetzt_von", "passwort_gesetzt_am", "fehlversuche",
                     "gesperrt_bis", "version", "updated_at", "updated_by")
RATE_CONFIRM_COLUMNS = ("bestaetigt_von", "bestaetigt_am")
FINALIZE_MESSAGE = "Auszahlungsläufe abschließen darf nur ein Zugang der Gruppe kitadesk_leitung."


def role_statements(database: str, tables: list[str], rate_columns: list[str]) -> list[str]:
    """The SQL, in order. `tables`: every table of the schema; `rate_columns`: rate_tables'."""
    create = "".join(
        f"  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
        f"CREATE ROLE {role} NOLOGIN{member}; END IF;\n" for role, member in _GROUPS.items())
    rate_app = [c for c in rate_columns if c not in RATE_CONFIRM_COLUMNS]
    groups = ", ".join(_GROUPS)
    out = [
        f"DO $$ BEGIN\n{create}END $$",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f'REVOKE ALL ON DATABASE "{database}" FROM PUBLIC',
        f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO {APP}',
        f"GRANT USAGE ON SCHEMA public TO {APP}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {groups}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {APP}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP}",
    ]
    special = {"users", "rate_tables", "audit_log", "alembic_version"}
    out += [f"GRANT INSERT, UPDATE, DELETE ON {t} TO {APP}" for t in tables if t not in special]
    out += [
        f"GRANT INSERT, UPDATE ON audit_log TO {APP}",  # UPDATE only for redaction (trigger)
        f"GRANT UPDATE ({', '.join(USERS_APP_COLUMNS)}) ON users TO {APP}",
        f"GRANT INSERT, UPDATE ON users TO {VERWALTUNG}",
        f"GRANT INSERT, DELETE, UPDATE ({', '.join(rate_app)}) ON rate_tables TO {APP}",
        f"GRANT UPDATE ({', '.join(RATE_CONFIRM_COLUMNS)}) ON rate_tables TO {LEITUNG}",
        f"""CREATE OR REPLACE FUNCTION kitadesk_finalize_guard() RETURNS trigger AS $$
    BEGIN
      IF NEW.status = 'abgeschlossen' AND OLD.status IS DISTINCT FROM 'abgeschlossen'
         AND NOT pg_has_role(current_user, '{LEITUNG}', 'MEMBER') THEN
        RAISE EXCEPTION '{FINALIZE_MESSAGE}';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
        "DROP TRIGGER IF EXISTS payout_runs_finalize_guard ON payout_runs",
        """CREATE TRIGGER payout_runs_finalize_guard BEFORE UPDATE ON payout_runs
    FOR EACH ROW EXECUTE FUNCTION kitadesk_finalize_guard()""",
        """CREATE OR REPLACE FUNCTION kitadesk_users_audit() RETURNS trigger AS $$
    BEGIN
      INSERT INTO audit_log (zeit, benutzer, tabelle, datensatz_id, aktion, alt, neu)
      VALUES (now()::timestamp(0), 'Datenbank: ' || session_user, 'users', COALESCE(NEW.id, OLD.id),
              CASE TG_OP WHEN 'INSERT' THEN 'neu' WHEN 'UPDATE' THEN 'geändert' ELSE 'gelöscht' END,
              CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE json_build_object('login', OLD.login, 'rolle', OLD.rolle,
                'srt', OLD.srt, 'aktiv', OLD.aktiv, 'passwort', md5(COALESCE(OLD.password_hash, ''))) END,
              CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE json_build_object('login', NEW.login, 'rolle', NEW.rolle,
                'srt', NEW.srt, 'aktiv', NEW.aktiv, 'passwort', md5(COALESCE(NEW.password_hash, ''))) END);
      RETURN COALESCE(NEW, OLD);
    END $$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public""",
        "DROP TRIGGER IF EXISTS users_audit_db ON users",
        """CREATE TRIGGER users_audit_db AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION kitadesk_users_audit()""",
    ]
    return out


def login_hint(database: str) -> str:
    return (
        "-- Danach je Person ein Anmelde-Zugang in einer der drei Gruppen, z. B.:\n"
        f"--   CREATE ROLE sb_ost LOGIN PASSWORD '…' IN ROLE {APP};\n"
        f"--   CREATE ROLE leitung_m LOGIN PASSWORD '…' IN ROLE {LEITUNG};\n"
        f"--   CREATE ROLE admin_k LOGIN PASSWORD '…' IN ROLE {VERWALTUNG};\n"
        f"-- und in kitadesk.ini der Arbeitsplätze: postgresql+psycopg://sb_ost@SERVER/{database}\n"
        "-- (Passwort in der Datei %APPDATA%\\postgresql\\pgpass.conf, nicht in der URL).\n"
        "-- Schema-Änderungen (kitadesk init) nur mit dem Eigentümer; danach diese Rechte erneut anwenden.")


def script_for(engine) -> list[str]:
    """The statements for the database behind `engine` (its tables as they are now)."""
    from sqlalchemy import inspect

    insp = inspect(engine)
    tables = sorted(insp.get_table_names(schema="public"))
    rate_columns = [c["name"] for c in insp.get_columns("rate_tables", schema="public")]
    return role_statements(engine.url.database, tables, rate_columns)


def apply(engine) -> None:
    """Run the script in one transaction (as the owner of the tables)."""
    from sqlalchemy import text

    with engine.begin() as conn:
        for statement in script_for(engine):
            conn.execute(text(statement))
