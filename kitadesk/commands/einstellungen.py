"""`kitadesk einstellungen [NAME [WERT]]` — list, show or set office settings (interfaces.md §2).

One registry (kitadesk/domain/settings.py) serves this command, the window's settings page and
the audit: the right to change a setting is the one the window needs; every change is audited.
"""

from kitadesk.ops.settings import SettingState, list_settings, set_setting

HEADER = ("Name", "Wert", "Standard", "Alternativen", "Regel")


def register(sub) -> None:
    p = sub.add_parser(
        "einstellungen", help="Einstellungen des Amts auflisten oder eine ändern",
        description="Ohne Angaben: alle Einstellungen (Name, Wert, Standard, Alternativen, Regel). "
                    "Mit NAME: diese eine. Mit NAME WERT: ändern (Recht wie im Fenster, wird protokolliert).")
    p.add_argument("name", nargs="?", metavar="NAME", help="Name der Einstellung, z. B. monatsfaktor")
    p.add_argument("wert", nargs="?", metavar="WERT", help="neuer Wert, z. B. 4.33")
    p.set_defaults(handler=run)


def run(ctx, args) -> int:
    if args.name is not None and args.wert is not None:
        before = _state(ctx, args.name)
        change = set_setting(ctx.store, ctx.user, args.name, args.wert)
        ((name, value),) = change.items()
        print(f"Einstellung {name}: {_shown(before.value)} → {_shown(value)} (gespeichert).")
        return 0
    states = list_settings(ctx.store, ctx.user)
    if args.name is not None:
        state = _state(ctx, args.name, states)
        s = state.setting
        print(f"{s.name} — {s.label} ({s.section})\n  Wert: {_shown(state.value)}\n  Standard: {_shown(s.default)}\n"
              f"  Erlaubt: {s.allowed_text}\n  {s.explanation}")
        return 0
    rows = [(st.setting.name, _shown(st.value) + ("" if st.is_default else " *"), _shown(st.setting.default),
             _alternatives(st), st.setting.section) for st in states]
    print(table(HEADER, rows))
    print("\n* = vom Standard abweichend. Ändern: kitadesk einstellungen NAME WERT")
    return 0


def _state(ctx, name: str, states: list[SettingState] | None = None) -> SettingState:
    from kitadesk.domain.settings import find
    from kitadesk.errors import InputError

    try:
        wanted = find(name).name
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    return next(st for st in (states or list_settings(ctx.store, ctx.user)) if st.setting.name == wanted)


def _alternatives(state: SettingState) -> str:
    s = state.setting
    return ", ".join(s.alternatives) if s.alternatives else s.allowed_text


def _shown(value: str) -> str:
    return value if value != "" else "(leer)"


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip() for r in (header, *rows)]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
