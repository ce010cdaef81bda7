"""`kitadesk reminders [--days 60] [--srt SRT] [--xlsx F]` — due and overdue items (R-W1)."""

from datetime import date

from kitadesk.commands import args as values
from kitadesk.formats import day
from kitadesk.ops.base import load_actor
from kitadesk.ops.queries.dashboard import reminder_rows

HEADERS = ("Fällig", "SRT", "Art", "Nr", "Name", "Hinweis")  # interfaces.md §2


def register(sub) -> None:
    p = sub.add_parser("reminders", help="Fällige und überfällige Wiedervorlagen (R-W1)")
    p.add_argument("--days", type=int, help="Vorlauf in Tagen (Standard: Einstellung wiedervorlage_tage, 60)")
    p.add_argument("--srt", type=values.srt, help="nur dieses SRT (Mitte/Süd, Ost, Nord)")
    p.add_argument("--xlsx", metavar="F", help="zusätzlich als Arbeitsmappe schreiben")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    with ctx.store.session(ctx.user) as session:
        load_actor(session, ctx.user).require("lesen")
        rows = reminder_rows(session, date.today(), srt=args.srt, days=args.days)
    table = [(day(r.faellig) + (" !" if r.overdue else ""), r.srt, r.art, r.nr, r.name, r.hinweis) for r in rows]
    widths = [max([len(h)] + [len(str(t[i])) for t in table]) for i, h in enumerate(HEADERS)]
    widths[-1] = len(HEADERS[-1])  # the last column is not padded
    print("  ".join(h.ljust(w) for h, w in zip(HEADERS, widths)).rstrip())
    for t in table:
        print("  ".join(str(v).ljust(w) for v, w in zip(t, widths)).rstrip())
    print(f"{len(rows)} Wiedervorlagen, davon {sum(r.overdue for r in rows)} überfällig (!).")
    if args.xlsx:
        from kitadesk.ops.exports import export_reminders

        export_reminders(ctx.store, ctx.user, rows, args.xlsx)
        print(f"Arbeitsmappe geschrieben: {args.xlsx}")
    return 0
