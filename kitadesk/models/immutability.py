"""Database triggers that make finalized payout runs immutable (berechnung.md §8),
also against plain SQL through the app's session. Used by the Alembic migration."""

from kitadesk.errors import FINALIZED_MESSAGE

_RUN_FINAL = "(SELECT status FROM payout_runs WHERE id = {ref}.run_id) = 'abgeschlossen'"

SQLITE = [
    f"""CREATE TRIGGER payout_lines_frozen_update BEFORE UPDATE ON payout_lines
    WHEN {_RUN_FINAL.format(ref='OLD')}
    BEGIN SELECT RAISE(ABORT, '{FINALIZED_MESSAGE}'); END""",
    f"""CREATE TRIGGER payout_lines_frozen_delete BEFORE DELETE ON payout_lines
    WHEN {_RUN_FINAL.format(ref='OLD')}
    BEGIN SELECT RAISE(ABORT, '{FINALIZED_MESSAGE}'); END""",
    f"""CREATE TRIGGER payout_lines_frozen_insert BEFORE INSERT ON payout_lines
    WHEN {_RUN_FINAL.format(ref='NEW')}
    BEGIN SELECT RAISE(ABORT, '{FINALIZED_MESSAGE}'); END""",
    f"""CREATE TRIGGER payout_runs_frozen_update BEFORE UPDATE ON payout_runs
    WHEN OLD.status = 'abgeschlossen'
    BEGIN SELECT RAISE(ABORT, '{FINALIZED_MESSAGE}'); END""",
    f"""CREATE TRIGGER payout_runs_frozen_delete BEFORE DELETE ON payout_runs
    WHEN OLD.status = 'abgeschlossen'
    BEGIN SELECT RAISE(ABORT, '{FINALIZED_MESSAGE}'); END""",
]

POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION kitadesk_payout_frozen() RETURNS trigger AS $$
    DECLARE run_status text;
    BEGIN
      IF TG_TABLE_NAME = 'payout_runs' THEN
        IF OLD.status = 'abgeschlossen' THEN RAISE EXCEPTION '{FINALIZED_MESSAGE}'; END IF;
      ELSE
        SELECT status INTO run_status FROM payout_runs
          WHERE id = (CASE WHEN TG_OP = 'INSERT' THEN NEW.run_id ELSE OLD.run_id END);
        IF run_status = 'abgeschlossen' THEN RAISE EXCEPTION '{FINALIZED_MESSAGE}'; END IF;
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER payout_lines_frozen BEFORE INSERT OR UPDATE OR DELETE ON payout_lines
    FOR EACH ROW EXECUTE FUNCTION kitadesk_payout_frozen()""",
    """CREATE TRIGGER payout_runs_frozen BEFORE UPDATE OR DELETE ON payout_runs
    FOR EACH ROW EXECUTE FUNCTION kitadesk_payout_frozen()""",
]

DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS payout_lines_frozen_update",
        "DROP TRIGGER IF EXISTS payout_lines_frozen_delete",
        "DROP TRIGGER IF EXISTS payout_lines_frozen_insert",
        "DROP TRIGGER IF EXISTS payout_runs_frozen_update",
        "DROP TRIGGER IF EXISTS payout_runs_frozen_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS payout_lines_frozen ON payout_lines",
        "DROP TRIGGER IF EXISTS payout_runs_frozen ON payout_runs",
        "DROP FUNCTION IF EXISTS kitadesk_payout_frozen()",
    ],
}


def create_statements(dialect: str) -> list[str]:
    return SQLITE if dialect == "sqlite" else POSTGRESQL
