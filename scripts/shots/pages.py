"""The work pages: payout, Bescheide, Auswertungen, QiK, Einstellungen (Leitung's view)."""


def shots(env):
    window = env.window_for("leitung")
    for key, name in (("auszahlung", "auszahlung.png"), ("bescheide", "bescheide.png"),
                      ("auswertungen", "auswertungen.png"), ("qik", "qik.png"),
                      ("einstellungen", "einstellungen.png")):
        window.show_page(key)
        env.wait(timeout=2.0)
        yield name, window
