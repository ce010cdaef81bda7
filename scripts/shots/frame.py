"""The screens split in issue 17.3, with data: payout page after computing the month (header,
carers, lines and „Warum?“, notes), the start page (summary boxes split out), Auswertungen."""


def shots(env):
    window = env.window_for("leitung")
    window.show_page("auszahlung")
    page = window.pages["auszahlung"].ensure()
    env.wait(lambda: page.task is None, timeout=30.0)
    if page.view is None or page.view.report is None:
        page.compute()
        env.wait(lambda: page.task is None, timeout=300.0)
    if page.line_proxy.rowCount():
        page.select_line(0)
    env.wait(timeout=1.0)
    yield "frame-auszahlung.png", window
    window.show_page("start")
    env.wait(timeout=3.0)
    yield "frame-start.png", window
    window.show_page("auswertungen")
    env.wait(timeout=5.0)
    yield "frame-auswertungen.png", window
