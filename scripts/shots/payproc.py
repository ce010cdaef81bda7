"""The payout screen after a draft computed in a worker process (issue 17.2): the carers' table
sorted by amount (lean text model, payout_tables.py), a carer chosen, its lines and „Warum?“;
then the list filtered by SRT and a search."""


def shots(env):
    window = env.window_for("leitung")
    window.show_page("auszahlung")
    page = window.pages["auszahlung"].ensure()
    env.wait(lambda: page.task is None, timeout=60.0)
    if page.view is None or page.view.report is None or page.view.final:
        page.compute()
        env.wait(lambda: page.task is None, timeout=300.0)
    page.carer_table.sortByColumn(3, page.carer_table.horizontalHeader().sortIndicatorOrder().DescendingOrder)
    page.carer_table.selectRow(0)
    if page.line_proxy.rowCount():
        page.select_line(0)
    env.wait(timeout=1.0)
    yield "payproc-auszahlung-sortiert.png", window
    page.srt.setCurrentIndex(page.srt.findData("Ost"))
    page.search.setText("a")
    env.wait(timeout=1.0)
    yield "payproc-auszahlung-gefiltert.png", window
    page.search.clear()
    page.srt.setCurrentIndex(0)
