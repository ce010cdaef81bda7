"""SQLAlchemy 2 models (the store). Importing this package registers every table."""

from kitadesk.models.audit import AuditEntry
from kitadesk.models.base import Base, Tracked
from kitadesk.models.carers import (
    BETREUUNGSORTE,
    QUALIFIKATIONEN,
    SRTS,
    Absence,
    Carer,
    CarerDocument,
    CarerNote,
    Erlaubnis,
    Erstattungsnachweis,
    Fortbildung,
    QualificationCost,
    Vertretungsplatz,
    Zusammenschluss,
)
from kitadesk.models.children import Child, ChildStatus, Ermaessigung, Family, FamilyIncome
from kitadesk.models.letters import Letter
from kitadesk.models.placements import ChangeNotice, Monatsmeldung, Placement, PlacementVersion, Sonderbetrag
from kitadesk.models.qik import QIK_STATUSES, QikActivity, QikParticipant, QikPartner, QikStatus
from kitadesk.models.rates import FeeCell, FeeTable, RateTable
from kitadesk.models.redactions import Redaction
from kitadesk.models.reminders import ReminderState
from kitadesk.models.runs import ABGESCHLOSSEN, ENTWURF, PayoutLine, PayoutPayment, PayoutRun
from kitadesk.models.settings import SettingValue, SrtOffice
from kitadesk.models.users import ADMIN, LEITUNG, ROLES, SACHBEARBEITUNG, SETUP_DONE, User

__all__ = [name for name in dir() if not name.startswith("_")]
