"""The work pages: payout, Bescheide, Auswertungen, QiK, Einstellungen (Leitung's view)."""


def shots(env):
    window = env.window_for("leitung")
    for key, name in (("auszahlung", "auszahlung.png"), ("bescheide", "bescheide.png"),
                      ("auswertungen", "auswertungen.png"), ("qik", "qik.png"),
                      ("einstellungen", "einstellungen.png")):
        window.show_page(key)
        env.wait(timeout=2.0)
        if key == "auswertungen":  # the figures come from a worker process (issue 17.2)
            from kitadesk.ui.views.statistics_page import StatisticsPage

            page = window.findChild(StatisticsPage)
            if page is not None:
                env.wait(lambda page=page: page.tabs.currentWidget().result is not None, 60.0)
        yield name, window
