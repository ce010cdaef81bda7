"""Auswertungen with charts: "Hochrechnung" (issue 20) with a scenario „Sätze +1,5 % ab 01.01.“ —
the chart (projected months hatched) and the table with the differences — and "Eigene Zahlen"
(R-S2) with its four charts (value labels only where they do not overlap)."""


def _computed(env, tab) -> None:
    filled = []
    tab.filled.connect(lambda: filled.append(True))
    tab.reload_in_background()
    env.wait(lambda: bool(filled), timeout=300.0)
    env.wait(timeout=0.5)


def shots(env):
    window = env.window_for("leitung")
    window.show_page("auswertungen")
    page = window.pages["auswertungen"].ensure()
    tab = page.projection
    page.tabs.setCurrentWidget(tab)
    env.wait(lambda: tab.loading is None or not tab.loading.is_running, timeout=300.0)
    tab.year.setValue(env.today.year + 1)
    tab.rate_on.setChecked(True)
    _computed(env, tab)
    yield "hochrechnung-szenario.png", window
    tab.rate_on.setChecked(False)
    page.tabs.setCurrentWidget(page.office)
    env.wait(lambda: page.office.loading is None or not page.office.loading.is_running, timeout=300.0)
    _computed(env, page.office)
    yield "auswertungen-eigene-zahlen.png", window
    from PySide6.QtWidgets import QTabWidget

    for inner in page.office.findChildren(QTabWidget):
        charts = [i for i in range(inner.count()) if inner.tabText(i) == "Diagramme"]
        if charts:
            inner.setCurrentIndex(charts[0])
    env.wait(timeout=0.5)
    yield "auswertungen-diagramme.png", window
