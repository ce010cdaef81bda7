"""A change notice closes when its letter is made (issue 14.5, R-V5): recorded changes
(ChangeNotice: hours, income, status, end of care) wait on the desk's list until the
Bescheid telling them is archived.

Which letter closes which notice: a notice about a child (child_id set — also a placement's
change, which names child and carer) closes with the parents' letter (`eltern` or the
parents' `aenderung`) for the child; a notice about a carer alone with the carer's letter
(`tpp` or the carer's `aenderung`). The letter must be for the month the change takes effect
or a later one (`wirksam_ab` ≤ the last day of the letter's month). Closed on the letter's date.
"""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.domain.calendar import month_range
from kitadesk.models import ChangeNotice

PARENT_LETTERS = ("eltern", "aenderung")
CARER_LETTERS = ("tpp", "aenderung")


def close_notices(session: Session, art: str, period: str | None, carer_id: int | None, child_id: int | None,
                  day: date) -> int:
    """Close the open notices the archived letter answers (module doc) → how many."""
    if not period or len(period) != 7:
        return 0
    last = month_range(int(period[:4]), int(period[5:]))[1]
    open_until = (ChangeNotice.erledigt_am.is_(None), ChangeNotice.wirksam_ab <= last)
    who: tuple
    if child_id is not None and art in PARENT_LETTERS:
        who = (ChangeNotice.child_id == child_id,)
    elif carer_id is not None and child_id is None and art in CARER_LETTERS:
        who = (ChangeNotice.carer_id == carer_id, ChangeNotice.child_id.is_(None))
    else:
        return 0
    notices = session.scalars(select(ChangeNotice).where(*open_until, *who)).all()
    for notice in notices:  # ORM objects: stamped, versioned and audited by the session hooks
        notice.erledigt_am = day
    return len(notices)
