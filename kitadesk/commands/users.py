"""`kitadesk users list|add|change|deactivate|activate|passwort|notfall-admin|einstellung` — users and
roles (issues 8, 18)."""

import getpass
import sys

from kitadesk.commands import args as values
from kitadesk.domain.choices import ROLES
from kitadesk.domain.settings import SYSTEM
from kitadesk.errors import InputError
from kitadesk.ops import users as ops


def register(sub) -> None:
    p = sub.add_parser("users", help="Benutzer und Rollen verwalten")
    us = p.add_subparsers(dest="users_command", metavar="AKTION", required=True)

    us.add_parser("list", help="Benutzer auflisten").set_defaults(handler=run_list)

    a = us.add_parser("add", help="Benutzer anlegen (Anmeldename = Windows-Konto)")
    a.add_argument("login")
    a.add_argument("--rolle", required=True, choices=ROLES)
    a.add_argument("--srt", type=values.srt, help="Mitte/Süd, Ost oder Nord")
    a.add_argument("--name", default="")
    a.add_argument("--passwort", action="store_true", help="Passwort abfragen (bei Umleitung: erste Zeile der Eingabe)")
    a.set_defaults(handler=run_add)

    c = us.add_parser("change", help="Rolle, SRT oder Namen ändern")
    c.add_argument("login")
    c.add_argument("--rolle", choices=ROLES)
    c.add_argument("--srt", type=values.srt, help="Mitte/Süd, Ost oder Nord")
    c.add_argument("--name")
    c.set_defaults(handler=run_change)

    d = us.add_parser("deactivate", help="Benutzer sperren")
    d.add_argument("login")
    d.set_defaults(handler=lambda ctx, args: _show(ops.set_active(ctx.store, ctx.user, args.login, False)))

    e = us.add_parser("activate", help="gesperrten Benutzer wieder freigeben")
    e.add_argument("login")
    e.set_defaults(handler=lambda ctx, args: _show(ops.set_active(ctx.store, ctx.user, args.login, True)))

    pw = us.add_parser("passwort", help="Passwort setzen (oder mit --entfernen löschen)")
    pw.add_argument("login")
    pw.add_argument("--entfernen", action="store_true")
    pw.set_defaults(handler=run_password)

    n = us.add_parser("notfall-admin", help="Notfallzugang: Admin anlegen, wenn kein aktiver Admin mehr existiert "
                                            "(PostgreSQL: nur mit dem Zugang des Datenbank-Eigentümers)")
    n.add_argument("login")
    n.set_defaults(handler=lambda ctx, args: _show(ops.recover_admin(ctx.store, ctx.user, args.login,
                                                                     _read_password(args.login))))

    s = us.add_parser("einstellung", help="anmeldung_passwort, backup_anzahl, aufbewahrung_jahre anzeigen/setzen "
                                         "(alle Einstellungen: kitadesk einstellungen)")
    s.add_argument("name", choices=[setting.name for setting in SYSTEM])
    s.add_argument("wert", nargs="?")
    s.set_defaults(handler=run_setting)


def _read_password(login: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(f"Neues Passwort für {login}: ")
        if getpass.getpass("Wiederholen: ") != first:
            raise InputError("Die beiden Passwörter stimmen nicht überein.")
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise InputError("Kein Passwort angegeben.")
    return line.rstrip("\r\n")


def _show(info) -> int:
    print(f"{info.login}: {info.rolle}, SRT {info.srt or '–'}, {'aktiv' if info.aktiv else 'gesperrt'}"
          f"{', mit Passwort' if info.hat_passwort else ''}")
    return 0


def run_list(ctx, args) -> int:
    rows = [("Login", "Name", "Rolle", "SRT", "Status", "Passwort")]
    for u in ops.list_users(ctx.store, ctx.user):
        rows.append((u.login, u.name, u.rolle, u.srt or "", "aktiv" if u.aktiv else "gesperrt",
                     "ja" if u.hat_passwort else "nein"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
    return 0


def run_add(ctx, args) -> int:
    password = _read_password(args.login) if args.passwort else None
    return _show(ops.add_user(ctx.store, ctx.user, args.login, args.rolle, args.srt, args.name, password))


def run_change(ctx, args) -> int:
    return _show(ops.change_user(ctx.store, ctx.user, args.login, args.rolle, args.srt, args.name))


def run_password(ctx, args) -> int:
    password = None if args.entfernen else _read_password(args.login)
    return _show(ops.set_password(ctx.store, ctx.user, args.login, password))


def run_setting(ctx, args) -> int:
    if args.wert is not None:
        ops.set_system_setting(ctx.store, ctx.user, args.name, args.wert)
    print(f"{args.name} = {ops.get_system_setting(ctx.store, ctx.user, args.name)}")
    return 0
