"""Office settings as operations: list them with their values, change one (right from the
registry, audited by the session hooks). The window's settings page and `kitadesk einstellungen`
both call these; the registry itself is `kitadesk.domain.settings`."""

from dataclasses import dataclass

from kitadesk import auth
from kitadesk.domain.settings import ALL, Setting
from kitadesk.errors import InputError, PermissionDenied
from kitadesk.models import User
from kitadesk.ops import identity
from kitadesk.ops.base import Actor, load_actor, unit_of_work
from kitadesk.ops.changes import SETTINGS, Changes
from kitadesk.ops.setting_store import (
    load_auslegungen,
    read_setting,
    store_value,
    stored_default,
    stored_values,
    validate,
)
from kitadesk.store import Store

__all__ = ["SettingState", "get_setting", "list_settings", "load_auslegungen", "set_setting", "store_value",
           "validate"]

get_setting = read_setting  # (session, name) → value; the default where none is stored

CHANGES = Changes.of(SETTINGS)  # what a settings op changes (broadcast by the window, ops/changes.py)


@dataclass(frozen=True)
class SettingState:
    setting: Setting
    value: str

    @property
    def is_default(self) -> bool:
        return self.value == self.setting.default


def list_settings(store: Store, user: str) -> list[SettingState]:
    """Every office setting with the value in force (right `lesen`)."""
    with unit_of_work(store, user) as session:
        load_actor(session, user).require("lesen")
        stored = stored_values(session)
        password = read_setting(session, identity.PASSWORD_SETTING)
    return [SettingState(s, password if s.name == identity.PASSWORD_SETTING else stored.get(s.name, s.default))
            for s in ALL]


def set_setting(store: Store, user: str, name: str, value: str) -> dict[str, str]:
    """Change one setting (the right its registry entry names); the default value removes the
    row. Returns the change set {name: new value}; the session hooks write the audit entry."""
    with unit_of_work(store, user) as session:
        actor = load_actor(session, user)
        clean = validate(name, value)
        setting = next(s for s in ALL if s.name == name.strip())
        actor.require(setting.right)
        _guard(session, store, actor, setting.name, clean)
        store_value(session, setting.name, clean, stored_default(setting.name))
    return {setting.name: clean}


def _guard(session, store: Store, actor: Actor, name: str, value: str) -> None:
    """Settings that could lock the office out are refused with the reason."""
    if name == "anmeldung_passwort" and value == "ja":
        if actor.setup_mode:
            raise InputError("Die Anmeldung mit Passwort lässt sich erst einschalten, wenn Benutzer angelegt sind.")
        own = session.query(User).filter(User.login == actor.login).one_or_none()
        if own is None or not own.password_hash:
            raise PermissionDenied(
                "Bitte zuerst für das eigene Konto ein Passwort setzen — sonst könnten Sie sich nicht mehr anmelden."
            )
        auth.mark_signed_in(store.describe(), actor.login)
