"""`kitadesk demo [--carers N] [--children M] [--seed S]` — realistic fictitious data for an
empty database (interfaces.md §2), rate and fee tables marked as examples."""


def register(sub) -> None:
    p = sub.add_parser("demo", help="leere Datenbank mit fiktiven Demodaten füllen")
    p.add_argument("--carers", type=int, default=200, metavar="N", help="Tagespflegepersonen (Standard 200)")
    p.add_argument("--children", type=int, default=800, metavar="M", help="Kinder (Standard 800)")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="Zufallsstartwert (gleiche Daten bei gleichem Wert)")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    import time

    from kitadesk.demo import create_demo
    from kitadesk.demo.tables import DEMO_USERS

    started = time.perf_counter()
    counts = create_demo(ctx.store, args.carers, args.children, args.seed, admin=ctx.user)
    print(f"Demodaten geschrieben ({ctx.store.describe()}) in {time.perf_counter() - started:.1f} s:")
    for table in ("carers", "children", "placements", "placement_versions", "fortbildungen", "absences", "users"):
        print(f"  {table}: {counts.get(table, 0)}")
    print("Satz- und Beitragstabellen sind Beispiele (ist_beispiel).")
    print(f"Anmeldung als Administrator: {ctx.user}. Weitere Benutzer (ohne Passwort, Anmeldung mit --user):")
    for login, name, _role, _srt in DEMO_USERS:
        print(f"  {login:<9} {name}")
    print("Auszahlungsläufe abschließen darf nur die Leitung: kitadesk --user leitung payout MM/JJJJ --finalize "
          "(Fenster: kitadesk --user leitung).")
    return 0
