"""`kitadesk export-template FILE.xlsx [--mit-daten]` — an empty import workbook (headers,
formats, validation lists, notes); with --mit-daten the database's content in the same
format (imports again unchanged)."""


def register(sub) -> None:
    p = sub.add_parser("export-template", help="leere Import-Arbeitsmappe (Vorlage) schreiben")
    p.add_argument("file", metavar="DATEI.xlsx", help="Zieldatei")
    p.add_argument("--mit-daten", action="store_true",
                   help="den Inhalt der Datenbank im Importformat schreiben (statt einer leeren Vorlage)")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    if args.mit_daten:
        from kitadesk.ops.exports import export_database

        counts = export_database(ctx.store, ctx.user, args.file)
        print(f"Arbeitsmappe mit Daten geschrieben: {args.file}")
        for sheet, n in counts.items():
            print(f"{sheet}: {n} Zeilen")
        return 0
    from kitadesk.importer.template import write_workbook

    write_workbook(args.file)
    print(f"Leere Import-Vorlage geschrieben: {args.file}")
    return 0
