"""R-S2 counts per SRT on the start screen, read from the carer rows alone (issue 17: no load
of every placement): children in care = the placement list's running („laufend“) placements."""

from collections import Counter
from datetime import date, timedelta

from kitadesk.ops import queries
from kitadesk.ops.queries.lists import FLAG_ACTIVE, PlacementRow
from kitadesk.ops.reads import start_figures
from tests.support.factory import make_carer, make_child, place

TODAY = date(2026, 11, 24)


def test_r_s2_children_in_care_per_srt_equal_the_running_placements(store):
    day = timedelta(days=1)
    with store.session("test") as s:
        mitte = make_carer(s, "A", srt="Mitte/Süd")
        ost = make_carer(s, "B", srt="Ost")
        gone = make_carer(s, "C", srt="Nord", taetig_bis=TODAY - day)  # not counted as carer; a running placement is
        cases = [(mitte, TODAY, None), (mitte, TODAY - 30 * day, TODAY), (mitte, TODAY - 30 * day, TODAY - day),
                 (ost, TODAY + day, None), (ost, TODAY - 90 * day, TODAY + 10 * day), (gone, TODAY - 90 * day, None)]
        for n, (carer, beginn, ende) in enumerate(cases):
            place(s, make_child(s, f"K{n}"), carer, beginn, ende=ende)
        s.commit()
    with store.session("test") as s:
        counts = {c.srt: c for c in queries.srt_counts(queries.carer_rows(s, TODAY))}
        placements = map(PlacementRow._make, queries.placement_rows(s, TODAY))  # plain tuples (issue 17)
        running = Counter(p.carer_srt for p in placements if FLAG_ACTIVE in p.flags)
    assert {srt: c.kinder_in_betreuung for srt, c in counts.items() if c.kinder_in_betreuung} == dict(running)
    assert running == {"Mitte/Süd": 2, "Ost": 1, "Nord": 1}
    assert (counts["Mitte/Süd"].tagespflegepersonen, counts["Ost"].tagespflegepersonen,
            counts["Nord"].tagespflegepersonen) == (1, 1, 0)
    _reminders, figures, _status = start_figures(store, "test", TODAY)
    assert figures[-1].srt == "Gesamt" and figures[-1].kinder_in_betreuung == 4
