"""Data of the desk tests (issue 14.3): the worked example with child K2 in SRT Ost, April 2026
finalized; users `test` (Leitung, all SRT) and `ost` (Sachbearbeitung, SRT Ost)."""

from kitadesk.models import LEITUNG, SACHBEARBEITUNG, Child
from tests.letters.scenario import finalize_month, seed
from tests.support.factory import make_user

OST = "ost"


def seed_desks(store) -> dict:
    ids = seed(store)
    with store.session() as s:
        s.get(Child, ids["K2"]).srt = "Ost"
        make_user(s, "test", LEITUNG)
        make_user(s, OST, SACHBEARBEITUNG, "Ost")
        s.commit()
    finalize_month(store, 2026, 4)
    return ids
