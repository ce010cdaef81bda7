"""The few error types that reach people; each carries a German message (what and where)."""


class KitaDeskError(Exception):
    """Base: a refused action or bad input; CLI exit code 1."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return self.message + "\n" + "\n".join(self.problems)

    def __reduce__(self):
        # pickled whole (class, message, problems, attributes) — a worker process sends it back
        # to the window (ui/process_tasks.py); subclasses with other __init__ arguments too
        return _rebuild, (type(self), self.message, dict(self.__dict__))


def _rebuild(cls: type["KitaDeskError"], message: str, state: dict) -> "KitaDeskError":
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class InputError(KitaDeskError):
    """Bad input (import rows, form fields)."""


class PermissionDenied(KitaDeskError):
    """The user lacks a right; the message names it (issue 8)."""


class ConcurrentChange(KitaDeskError):
    """Optimistic locking: someone saved a newer version first (issue 8)."""


class DatabaseUnavailable(KitaDeskError):
    """The database cannot be reached or used right now (server down, connection lost, file locked)."""


class FinalizedRunError(KitaDeskError):
    """A finalized payout run is never changed, only corrected (berechnung.md §8)."""


FINALIZED_MESSAGE = "Der Auszahlungslauf ist abgeschlossen und kann nicht mehr geändert werden (nur Korrektur im Folgemonat)."
