"""`kitadesk statistik YYYY-03-01 [--xlsx F] [--csv DIR]` — the official statistics Teil III.3
on the reference date (R-S1, interfaces.md §2). Prints the counts and the records with
missing fields; writes the workbook and/or the CSV files."""

from kitadesk.commands import args as values
from kitadesk.formats import day
from kitadesk.ops.statistics import export_official, official


def register(sub) -> None:
    p = sub.add_parser("statistik", help="Amtliche Statistik Kindertagespflege zum Stichtag (R-S1)")
    p.add_argument("stichtag", type=values.day, metavar="STICHTAG", help="Stichtag, gesetzlich der 1. März (01.03.JJJJ oder JJJJ-03-01)")
    p.add_argument("--xlsx", metavar="F", help="Arbeitsmappe (Kinder, Tagespflegepersonen, Fehlende Angaben)")
    p.add_argument("--csv", metavar="DIR", help="Ordner für kinder.csv, tagespflegepersonen.csv, fehlende_angaben.csv")
    p.add_argument("--srt", type=values.srt, help="nur fehlende Angaben dieses SRT ausgeben (die Exporte enthalten alle)")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    stats = official(ctx.store, ctx.user, args.stichtag)
    print(f"Amtliche Statistik Kindertagespflege (Teil III.3), Stichtag {day(stats.stichtag)}")
    if not stats.is_first_of_march:
        print("Hinweis: Der gesetzliche Stichtag ist der 1. März (§§ 98–103 SGB VIII).")
    print(f"Kinder: {len(stats.children)}, Tagespflegepersonen mit Kindern: {len(stats.carers)}, "
          f"Datensätze mit fehlenden Angaben: {len(stats.missing)}")
    shown = [m for m in stats.missing if not args.srt or m.srt == args.srt]
    if shown:
        print("\nFehlende Angaben:")
        width = max(len(m.nr) for m in shown)
        for m in shown:
            print(f"  {m.art:<17} {m.nr:<{width}}  {m.name}: {m.text}")
    for note in stats.notes:
        print(f"Hinweis: {note}")
    for path in export_official(ctx.store, ctx.user, stats, args.xlsx, args.csv):
        print(f"{'Arbeitsmappe' if path.suffix == '.xlsx' else 'CSV'} geschrieben: {path}")
    return 0
