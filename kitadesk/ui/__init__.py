"""PySide6 user interface (German). Never computes money and never writes directly: it
calls ops/ (records, queries, …) and shows what they return.

- app.py          start-up: database (create/upgrade after asking), sign-in, locale, icon
- main_window.py  navigation, pages, shortcuts (Strg+1…9, Strg+F, Strg+N), status bar, QSettings
- context.py      AppContext (store, user, actor, clock) and the app-wide `DataBus.changed`
- tasks.py        run work off the GUI thread with progress/cancel, results by signal
- models/         one table model per entity + the search/filter proxy
- views/          one module per screen; heavy pages (Auszahlung, Bescheide, Auswertungen, QiK,
                  Einstellungen) are built on first show (views/lazy.py)
- forms/          detail dialogs with validation next to the fields
- widgets/        small reusable widgets (date/decimal fields with their message)
"""
