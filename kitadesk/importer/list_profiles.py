"""Saved list mappings (TOML profiles): where the user chooses and in the user's config dir
(`platformdirs.user_config_dir("KitaDesk")/zuordnungen/`, or `KITADESK_ZUORDNUNGEN` — e.g. a
folder the desks share). A list whose folded header set equals a profile's `form` gets it."""

import hashlib
import os
import re
from pathlib import Path

from platformdirs import user_config_dir

from kitadesk.domain.list_mapping.mapping import Mapping, shape_key
from kitadesk.domain.list_mapping.profile import ProfileError, from_toml, to_toml
from kitadesk.errors import InputError, KitaDeskError
from kitadesk.reports.output import write_bytes

ENV = "KITADESK_ZUORDNUNGEN"


def profiles_dir() -> Path:
    return Path(os.environ.get(ENV) or Path(user_config_dir("KitaDesk", appauthor=False)) / "zuordnungen")


def read_profile(path: str | Path) -> Mapping:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"Die Zuordnung {path} gibt es nicht.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"Die Zuordnung {path} ist nicht lesbar ({type(exc).__name__}).") from None
    try:
        return from_toml(text, f"Zuordnung {path.name}")
    except ProfileError as exc:
        raise InputError(str(exc)) from None


def _file_name(mapping: Mapping, source_name: str) -> str:
    stem = re.sub(r"[^\w-]+", "_", Path(source_name).stem).strip("_")[:40] or "liste"
    digest = hashlib.sha256("|".join(mapping.shape).encode()).hexdigest()[:8]
    return f"{stem}-{digest}.toml"


def save_profile(mapping: Mapping, source_name: str, path: str | Path | None = None) -> list[Path]:
    """Write the profile to `path` (if given) and into the profiles folder; returns the files."""
    data = to_toml(mapping).encode("utf-8")
    targets = [Path(path)] if path else []
    targets.append(profiles_dir() / _file_name(mapping, source_name))
    written = []
    for target in dict.fromkeys(targets):
        try:
            written.append(write_bytes(target, data))
        except KitaDeskError:
            if target == targets[0]:
                raise  # the file the user chose must be written; the folder copy is a convenience
    return written


def find_profile(headers: list[str]) -> tuple[Path, Mapping] | None:
    """The saved profile made for a list of this shape (newest first), or None."""
    folder = profiles_dir()
    if not folder.is_dir():
        return None
    shape = shape_key(headers)
    files = sorted(folder.glob("*.toml"), key=lambda p: p.stat().st_mtime, reverse=True)
    for file in files:
        try:
            mapping = from_toml(file.read_text(encoding="utf-8"), file.name)
        except (OSError, UnicodeDecodeError, ProfileError):
            continue  # an unreadable profile is no match
        if mapping.shape == shape:
            return file, mapping
    return None
