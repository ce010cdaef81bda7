"""`kitadesk datenschutz [--vorschau] [--ausfuehren]` — the retention run of the DSGVO (ops/privacy.py):
the preview lists who is past the retention period (nothing changed); `--ausfuehren` anonymises
exactly that, in one transaction. Right `datenschutz` (others: exit 1, nothing changed)."""


def register(sub) -> None:
    p = sub.add_parser("datenschutz", help="Löschlauf (DSGVO): abgelaufene Aufbewahrungsfristen anonymisieren",
                       description="Ohne Option oder mit --vorschau: zeigt, welche Tagespflegepersonen und Kinder "
                                   "nach Ablauf der Aufbewahrungsfrist (Einstellung aufbewahrung_jahre) anonymisiert "
                                   "würden – es wird nichts geändert. Mit --ausfuehren: anonymisiert genau diese "
                                   "(Namen, Anschriften, IBAN, Bescheide; Beträge und Nr bleiben).")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--vorschau", action="store_true", help="nur anzeigen, was anonymisiert würde (Standard)")
    group.add_argument("--ausfuehren", action="store_true", help="den Löschlauf ausführen (nicht umkehrbar)")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    from kitadesk.ops.privacy import preview_anonymisation, run_anonymisation
    from kitadesk.ops.privacy_summary import done_line, preview_lines

    preview = preview_anonymisation(ctx.store, ctx.user)
    if not args.ausfuehren:
        for line in preview_lines(preview):
            print(line)
        print("Vorschau – nichts wurde geändert." + ("" if preview.empty else
                                                      " Ausführen mit: kitadesk datenschutz --ausfuehren"))
        return 0
    done = run_anonymisation(ctx.store, ctx.user, preview)
    print(done_line(done))
    return 0
