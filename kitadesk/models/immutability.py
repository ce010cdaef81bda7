"""Database triggers that make finalized payout runs immutable — the run, its lines and its
payments with the accounts paid to (berechnung.md §8); no row is changed, deleted, added or
moved into one (issue 18) — and the
audit log append-only (issue 8), also against plain SQL through the app's session.
Used by the Alembic migration.

The audit log refuses every DELETE (and TRUNCATE) and every UPDATE — with one exception,
the data-protection run (ops/privacy.py): it first appends an entry with aktion
'geschwärzt' for a record and may then replace personal values in `alt`/`neu` of that
record's older entries; id, time, user, table, record and action stay as they were."""

from kitadesk.errors import FINALIZED_MESSAGE

AUDIT_MESSAGE = "Das Änderungsprotokoll kann nicht geändert oder gelöscht werden."
REDACTED = "geschwärzt"  # aktion of the entry that permits redacting a record's older entries

_AUDIT_REDACTION_OK = (
    "NEW.id = OLD.id AND NEW.zeit = OLD.zeit AND NEW.benutzer = OLD.benutzer AND NEW.tabelle = OLD.tabelle"
    f" AND NEW.datensatz_id = OLD.datensatz_id AND NEW.aktion = OLD.aktion AND OLD.aktion <> '{REDACTED}'"
    f" AND EXISTS (SELECT 1 FROM audit_log p WHERE p.aktion = '{REDACTED}' AND p.tabelle = OLD.tabelle"
    " AND p.datensatz_id = OLD.datensatz_id AND p.id > OLD.id)"
)

_RUN_FINAL = "(SELECT status FROM payout_runs WHERE id = {ref}.run_id) = 'abgeschlossen'"
ANONYMISED = "(anonymisiert)"  # ops/privacy.ANONYM
# the one change a finalized run's payment allows: the retention run (ops/privacy.py) erases the
# payee's name and account; who was paid (Nr) and how much stay as they were
_PAYMENT_REDACTION_OK = (
    "NEW.id = OLD.id AND NEW.run_id = OLD.run_id AND NEW.carer_nr = OLD.carer_nr AND NEW.betrag = OLD.betrag"
    f" AND NEW.nachname = '{ANONYMISED}' AND NEW.vorname = '' AND NEW.iban IS NULL AND NEW.bic IS NULL"
)

# tables whose rows belong to a run (column run_id): frozen with it
_RUN_CHILDREN = ("payout_lines", "payout_payments")


def _sqlite_child_triggers(table: str) -> list[str]:
    redaction = f" AND NOT COALESCE(({_PAYMENT_REDACTION_OK}), 0)" if table == "payout_payments" else ""
    return [  # "move": an UPDATE that sets run_id to a finalized run (issue 18)
        f"""CREATE TRIGGER {table}_frozen_{name} BEFORE {op} ON {table}
    WHEN {_RUN_FINAL.format(ref=ref)}{redaction if op == "UPDATE" else ""}
    BEGIN SELECT RAISE(ABORT, '{FINALIZED_MESSAGE}'); END"""
        for name, op, ref in (("update", "UPDATE", "OLD"), ("delete", "DELETE", "OLD"), ("insert", "INSERT", "NEW"),
                              ("move", "UPDATE", "NEW"))]


SQLITE = [
    *(statement for table in _RUN_CHILDREN for statement in _sqlite_child_triggers(table)),
    f"""CREATE TRIGGER payout_runs_frozen_update BEFORE UPDATE ON payout_runs
    WHEN OLD.status = 'abgeschlossen'
    BEGIN SELECT RAISE(ABORT, '{FINALIZED_MESSAGE}'); END""",
    f"""CREATE TRIGGER payout_runs_frozen_delete BEFORE DELETE ON payout_runs
    WHEN OLD.status = 'abgeschlossen'
    BEGIN SELECT RAISE(ABORT, '{FINALIZED_MESSAGE}'); END""",
    f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    WHEN NOT COALESCE(({_AUDIT_REDACTION_OK}), 0)
    BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END""",
    f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END""",
]

POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION kitadesk_payout_frozen() RETURNS trigger AS $$
    DECLARE run_status text;
    BEGIN
      IF TG_TABLE_NAME = 'payout_runs' THEN
        IF OLD.status = 'abgeschlossen' THEN RAISE EXCEPTION '{FINALIZED_MESSAGE}'; END IF;
      ELSE
        IF TG_TABLE_NAME = 'payout_payments' AND TG_OP = 'UPDATE' THEN  -- NEW.nachname exists only here
          IF {_PAYMENT_REDACTION_OK} THEN RETURN NEW; END IF;
        END IF;
        SELECT status INTO run_status FROM payout_runs
          WHERE id = (CASE WHEN TG_OP = 'INSERT' THEN NEW.run_id ELSE OLD.run_id END);
        IF run_status = 'abgeschlossen' THEN RAISE EXCEPTION '{FINALIZED_MESSAGE}'; END IF;
        IF TG_OP = 'UPDATE' THEN  -- nor moved INTO a finalized run (issue 18)
          SELECT status INTO run_status FROM payout_runs WHERE id = NEW.run_id;
          IF run_status = 'abgeschlossen' THEN RAISE EXCEPTION '{FINALIZED_MESSAGE}'; END IF;
        END IF;
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    *(f"""CREATE TRIGGER {table}_frozen BEFORE INSERT OR UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION kitadesk_payout_frozen()""" for table in _RUN_CHILDREN),
    """CREATE TRIGGER payout_runs_frozen BEFORE UPDATE OR DELETE ON payout_runs
    FOR EACH ROW EXECUTE FUNCTION kitadesk_payout_frozen()""",
    f"""CREATE OR REPLACE FUNCTION kitadesk_audit_frozen() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        IF {_AUDIT_REDACTION_OK} THEN RETURN NEW; END IF;
      END IF;
      RAISE EXCEPTION '{AUDIT_MESSAGE}';
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_log_frozen BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION kitadesk_audit_frozen()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION kitadesk_audit_frozen()""",
]

DROP = {
    "sqlite": [
        *(f"DROP TRIGGER IF EXISTS {table}_frozen_{op}" for table in _RUN_CHILDREN
          for op in ("update", "delete", "insert", "move")),
        "DROP TRIGGER IF EXISTS payout_runs_frozen_update",
        "DROP TRIGGER IF EXISTS payout_runs_frozen_delete",
        "DROP TRIGGER IF EXISTS audit_log_no_update",
        "DROP TRIGGER IF EXISTS audit_log_no_delete",
    ],
    "postgresql": [
        *(f"DROP TRIGGER IF EXISTS {table}_frozen ON {table}" for table in _RUN_CHILDREN),
        "DROP TRIGGER IF EXISTS payout_runs_frozen ON payout_runs",
        "DROP FUNCTION IF EXISTS kitadesk_payout_frozen()",
        "DROP TRIGGER IF EXISTS audit_log_frozen ON audit_log",
        "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
        "DROP FUNCTION IF EXISTS kitadesk_audit_frozen()",
    ],
}


def create_statements(dialect: str) -> list[str]:
    return SQLITE if dialect == "sqlite" else POSTGRESQL
