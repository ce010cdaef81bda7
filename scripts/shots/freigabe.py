"""Zur Freigabe (issue 14.4): the SRT Ost case worker hands November's draft over; Leitung's
start page lists it, the payout page shows the handed-over run."""


def shots(env):
    from kitadesk.errors import KitaDeskError
    from kitadesk.ops.payout import compute_draft
    from kitadesk.ops.payout_release import submit_for_release

    try:
        run = compute_draft(env.store, "sb.ost", 2026, 11)
        submit_for_release(env.store, "sb.ost", run.run_id)
    except KitaDeskError:  # second size: handed over already
        pass
    window = env.window_for("leitung")
    window.show_page("start")
    start = window.current_page()
    start.reload()
    env.wait(lambda: start.releases.list.count() > 0, 3.0)
    yield "freigabe.png", window

    window.open_run(2026, 11)
    page = window.pages["auszahlung"].page
    env.wait(lambda: page.task is None and page.view is not None and page.view.report is not None, 30.0)
    env.wait(timeout=1.0)
    yield "freigabe_auszahlung.png", window

    case_worker = env.window_for("sb.ost")
    case_worker.open_run(2026, 11)
    page = case_worker.pages["auszahlung"].page
    env.wait(lambda: page.task is None and page.view is not None and page.view.report is not None, 30.0)
    env.wait(timeout=1.0)
    yield "freigabe_sachbearbeitung.png", case_worker
