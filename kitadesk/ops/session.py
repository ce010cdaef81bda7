"""What the window needs of the database before anyone is signed in (issue 17.1: the UI imports
nothing of kitadesk.store): open the store, create/upgrade its schema after asking, who signs in.
The store itself travels through the UI as an opaque handle passed back to the ops."""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kitadesk.errors import KitaDeskError
from kitadesk.store import (
    Store,
    check_not_newer,
    check_url,
    connection_problem,
    current_revision,
    head_revision,
    needs_upgrade,
    unavailable,
    upgrade,
)

__all__ = ["Store", "head_revision", "prepare_store", "sign_in_facts", "unavailable", "upgrade"]

log = logging.getLogger("kitadesk.ui")


def prepare_store(url: str, ask: Callable[[str, str], bool], tell: Callable[[str, str], None]) -> Store | None:
    """Open the store; create/upgrade the schema after asking. None when the user declines
    or the database cannot be used (the reason was told)."""
    try:
        check_url(url)
    except KitaDeskError as exc:
        tell("Datenbank", str(exc))
        return None
    store = Store(url)
    try:
        check_not_newer(store.engine)
        if needs_upgrade(store.engine):
            rev = current_revision(store.engine)
            if rev is None:
                question = (f"Die Datenbank\n{store.describe()}\nenthält noch keine KitaDesk-Tabellen.\n\n"
                            "Jetzt anlegen?")
            else:
                question = (f"Die Datenbank\n{store.describe()}\nhat den älteren Stand {rev} "
                            f"(Programm: {head_revision()}).\n\nJetzt aktualisieren? Von einer SQLite-Datei wird "
                            "vorher eine Sicherungskopie daneben abgelegt.")
            if not ask("Datenbank einrichten", question):
                store.dispose()
                return None
            copy = upgrade(store.engine)
            if copy is not None:
                tell("Datenbank aktualisiert", f"Die Datenbank wurde aktualisiert.\nSicherungskopie: {copy}")
    except KitaDeskError as exc:
        tell("Datenbank", str(exc))
        store.dispose()
        return None
    except Exception as exc:  # cannot connect, no permission …
        log.exception("Datenbank nicht nutzbar")
        tell("Datenbank", connection_problem(store, exc))
        store.dispose()
        return None
    return store


def sign_in_facts(store: Store, login: str) -> tuple[bool, str]:
    """(password required, display name) of `login` — read before the sign-in, so no read right."""
    from kitadesk.ops.queries.sign_in import display_name, password_required

    with store.session(login) as s:
        return password_required(s), display_name(s, login)


def preload(url: str | None) -> None:
    """Import what opening the store at `url` and signing in need (SQLAlchemy, the models, the
    database driver), e.g. before the window imports PySide6 (issue 17): PySide6's import hook
    (shibokensupport.feature) reads the source of every module imported after it, ~0.25 s CPU for
    these. Errors are left to prepare_store, which tells them in German."""
    from sqlalchemy.engine import make_url

    import kitadesk.ops.changes
    import kitadesk.ops.queries.sign_in
    import kitadesk.ops.users  # noqa: F401

    if url:
        try:
            make_url(url).get_dialect()
        except Exception:  # a wrong URL or a missing driver: prepare_store says so
            log.debug("preload: no dialect for %s", url, exc_info=True)


@contextmanager
def own_store(url: str) -> Iterator[Store]:
    """A Store of its own (a worker process's: SQLite WAL file or PostgreSQL), closed afterwards."""
    store = Store(url)
    try:
        yield store
    finally:
        store.dispose()
