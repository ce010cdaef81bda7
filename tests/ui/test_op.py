"""Issue 17: screens run operations through kitadesk.ui.op.Op; an op's change set goes out on the
one bus signal before the screen's success callback; users never read raw exception text;
reads are operations with the read right."""

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from kitadesk.domain.choices import SACHBEARBEITUNG
from kitadesk.errors import KitaDeskError, PermissionDenied
from kitadesk.ops.changes import CARER, PAYOUT, PLACEMENT, Changes, as_changes
from kitadesk.ops.reads import carer_list
from kitadesk.ui.op import INTERNAL, Op
from tests.support.factory import make_user
from tests.ui.conftest import TODAY, wait_until_idle


def _screen(qtbot, ctx) -> QWidget:
    screen = QWidget()
    screen.ctx = ctx
    qtbot.addWidget(screen)
    return screen


def test_issue17_2_the_change_set_goes_out_on_the_bus_then_success(qtbot, ctx):
    screen, seen = _screen(qtbot, ctx), []
    ctx.bus.changed.connect(lambda changes: seen.append(("bus", changes)))
    handle = Op(screen, lambda control: Changes.record(CARER, 7, PLACEMENT)) \
        .success(lambda result: seen.append(("success", result))).run()
    wait_until_idle(qtbot, handle)
    changes = Changes(frozenset({CARER, PLACEMENT}), frozenset({(CARER, 7)}))
    assert seen == [("bus", changes), ("success", changes)]
    assert seen[0][1] == frozenset({CARER, PLACEMENT})  # views written against the set keep working


def test_issue17_2_an_op_without_a_carried_change_set_announces_the_given_one(qtbot, ctx):
    screen, seen = _screen(qtbot, ctx), []
    ctx.bus.changed.connect(seen.append)
    handle = Op(screen, lambda control: "Entwurf 2026-11/1").changes(Changes.of(PAYOUT)).run()
    wait_until_idle(qtbot, handle)
    assert seen == [Changes.of(PAYOUT)]


@pytest.mark.parametrize("error, shown", [
    (KitaDeskError("Keine Satztabelle gültig am 01.11.2026 (R-G2)."), "Keine Satztabelle gültig am 01.11.2026 (R-G2)."),
    (ZeroDivisionError("division by zero"), INTERNAL),
])
def test_issue17_1_a_failure_shows_german_text_never_the_raw_exception(qtbot, ctx, monkeypatch, error, shown):
    screen, texts, seen = _screen(qtbot, ctx), [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: texts.append(text))
    ctx.bus.changed.connect(seen.append)

    def fail(control):
        raise error

    handle = Op(screen, fail, "Auszahlung").success(lambda result: seen.append(result)).run()
    wait_until_idle(qtbot, handle)
    assert texts == [shown] and seen == []
    assert "division" not in texts[0]


def test_issue17_2_changes_read_like_the_set_of_entity_names():
    changes = as_changes({CARER}) | Changes.record(PLACEMENT, 3)
    assert CARER in changes and PAYOUT not in changes and changes == frozenset({CARER, PLACEMENT})
    assert changes & {PLACEMENT, PAYOUT} == {PLACEMENT} and changes - {CARER} == {PLACEMENT}
    assert (PLACEMENT, 3) in changes.ids
    with pytest.raises(ValueError):
        Changes.of("carers")  # a typo is caught, not silently never matched


def test_issue17_1_a_screen_read_is_an_operation_with_the_read_right(ctx):
    with ctx.store.session("test") as s:
        make_user(s, "anna", SACHBEARBEITUNG, "Ost")  # users exist: no set-up mode any more
        s.commit()
    assert carer_list(ctx.store, ctx.user, TODAY) == []
    with pytest.raises(PermissionDenied, match="nicht angelegt"):
        carer_list(ctx.store, "niemand", TODAY)


def test_issue17_2_every_record_kind_is_a_known_entity_of_the_change_sets():
    """Carer-form tabs and payout inputs broadcast their kind: each must be a known entity."""
    from kitadesk.ops.changes import ENTITIES
    from kitadesk.ops.records.carer_records import KINDS
    from kitadesk.ops.records.pay_inputs import ABSENCE, MELDUNG, SONDER

    assert set(KINDS) | {ABSENCE, MELDUNG, SONDER} <= ENTITIES
