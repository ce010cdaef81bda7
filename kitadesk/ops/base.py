"""The unit of work every operation runs in, and who is acting (roles, issue 8)."""

from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kitadesk.errors import ConcurrentChange, PermissionDenied
from kitadesk.models import ADMIN, LEITUNG, SACHBEARBEITUNG, User
from kitadesk.store import Store

# rights → roles that hold them (issue 8); messages name the missing right
RIGHTS: dict[str, tuple[str, ...]] = {
    "lesen": (SACHBEARBEITUNG, LEITUNG, ADMIN),
    "daten_eigenes_srt": (SACHBEARBEITUNG, LEITUNG, ADMIN),
    "daten_alle_srt": (LEITUNG, ADMIN),
    "import": (SACHBEARBEITUNG, LEITUNG, ADMIN),
    "auszahlung_berechnen": (SACHBEARBEITUNG, LEITUNG, ADMIN),
    "auszahlung_abschliessen": (LEITUNG,),
    "einzelfallbetrag": (LEITUNG,),
    "saetze_bestaetigen": (LEITUNG,),
    "bescheide": (SACHBEARBEITUNG, LEITUNG, ADMIN),
    "einstellungen": (ADMIN,),
    "benutzer": (ADMIN,),
    "datenschutz": (ADMIN,),
    "sicherung": (LEITUNG, ADMIN),
}

RIGHT_LABELS = {
    "lesen": "Lesen",
    "daten_eigenes_srt": "Datensätze des eigenen SRT bearbeiten",
    "daten_alle_srt": "Datensätze aller SRT bearbeiten",
    "import": "Import",
    "auszahlung_berechnen": "Auszahlung berechnen",
    "auszahlung_abschliessen": "Auszahlungslauf abschließen",
    "einzelfallbetrag": "Einzelfallbeträge (R-G11) erfassen",
    "saetze_bestaetigen": "Satztabellen bestätigen",
    "bescheide": "Bescheide erstellen",
    "einstellungen": "Einstellungen ändern",
    "benutzer": "Benutzer verwalten",
    "datenschutz": "Löschläufe und Auskünfte (DSGVO)",
    "sicherung": "Sicherung und Wiederherstellung",
}


@dataclass(frozen=True)
class Actor:
    login: str
    rolle: str
    srt: str | None
    setup_mode: bool = False  # no users recorded yet: everyone acts as Admin+Leitung

    def has(self, right: str) -> bool:
        return self.setup_mode or self.rolle in RIGHTS[right]

    def require(self, right: str, srt: str | None = None) -> None:
        if not self.has(right):
            raise PermissionDenied(
                f"Keine Berechtigung: „{RIGHT_LABELS[right]}“ fehlt (Benutzer {self.login}, Rolle {self.rolle})."
            )
        if right == "daten_eigenes_srt" and srt and not self.setup_mode and srt != self.srt \
                and not self.has("daten_alle_srt"):
            raise PermissionDenied(
                f"Keine Berechtigung: Datensätze des SRT {srt} darf nur dieses SRT bearbeiten "
                f"(Benutzer {self.login} gehört zu SRT {self.srt or '–'})."
            )


def load_actor(session: Session, login: str) -> Actor:
    if not session.scalar(select(func.count()).select_from(User)):
        return Actor(login, ADMIN, None, setup_mode=True)
    user = session.scalar(select(User).where(User.login == login, User.aktiv.is_(True)))
    if user is None:
        raise PermissionDenied(f"Der Benutzer „{login}“ ist in KitaDesk nicht angelegt oder gesperrt.")
    return Actor(user.login, user.rolle, user.srt)


@contextmanager
def unit_of_work(store: Store, user: str):
    """One transaction: commit on success, roll back on any error (nothing half-written)."""
    session = store.session(user)
    try:
        yield session
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise ConcurrentChange(
            "Der Datensatz wurde inzwischen von jemand anderem geändert. Bitte neu laden — "
            "Ihre Änderung wurde nicht gespeichert."
        ) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
