"""The desk's daily lists: the reminders as a work list (filtered by type), the Bescheide of
the SRT Ost desk with a letter's zoomable preview, and the month's Elternbeitrag list."""


def shots(env):
    from kitadesk.ui.widgets.pdf_view import PdfDialog

    window = env.window
    window.show_page("start")
    start = window.current_page()
    env.wait(lambda: start.loaded and not (start.loading and start.loading.is_running), 20.0)
    kind = -1
    for i in range(start.kind.count()):
        if start.kind.itemText(i).startswith("Nachweis"):
            kind = i
            break
    if kind >= 0:
        start.kind.setCurrentIndex(kind)
    env.wait(timeout=1.0)
    start.reminder_table.selectRow(0)
    yield "wiedervorlagen.png", window
    start.kind.setCurrentIndex(0)

    window.show_page("bescheide")
    page = window.current_page().ensure()  # a LazyPage: the letters page inside
    env.wait(lambda: page.due_model.rowCount() > 0 and page.preview.page_count, 30.0)
    yield "bescheide.png", window
    if page.preview.page_count:
        dialog = PdfDialog(page, "Vorschau", page.preview.pages.pdf, page.preview.caption.text(),
                           (("Drucken …", lambda: None), ("Als PDF speichern …", lambda: None)))
        dialog.resize(*env.size)
        dialog.show()
        dialog.view.set_zoom(1.0)
        env.wait(timeout=1.0)
        yield "bescheid_vorschau.png", dialog
        dialog.close()
    page.tabs.setCurrentWidget(page.fees)
    env.wait(lambda: page.fees.model.rowCount() > 0, 60.0)
    yield "beitragsliste.png", window
