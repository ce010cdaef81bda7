"""Writing an export file: the one way every export reaches the disk (issue 16 item 6).

The target's folder is created when missing (as `backup` does), the content goes to a
temporary file beside the target and is moved into place only when complete — a failed
export leaves neither a partial file nor the temporary one. Messages name the target,
never the temporary file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kitadesk.reports.errors import ReportError


def write_failed(target: Path, exc: OSError) -> ReportError:
    """The German message for a failed write, naming the target (not a temporary file)."""
    if isinstance(exc, PermissionError):
        reason = "keine Schreibberechtigung oder die Datei ist in einem anderen Programm geöffnet"
    elif isinstance(exc, IsADirectoryError):
        reason = "an dieser Stelle ist ein Ordner"
    elif isinstance(exc, (NotADirectoryError, FileExistsError)):
        reason = "ein Teil des Pfads ist eine Datei, kein Ordner"
    else:
        reason = exc.strerror or type(exc).__name__
    return ReportError(f"Die Datei {target} konnte nicht geschrieben werden ({reason}).")


def ensure_folder(folder: str | Path) -> Path:
    """Create `folder` (and its parents) when missing; a file in the way is a ReportError."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"Der Ordner {folder} kann nicht angelegt werden "
                          f"({'dort liegt eine Datei' if folder.exists() else exc.strerror}).") from exc
    return folder


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`, on any error it
    is removed (the target stays as it was). OSErrors become a ReportError naming `path`."""
    target = Path(path)
    if target.is_dir():
        raise ReportError(f"Die Datei {target} konnte nicht geschrieben werden (an dieser Stelle ist ein Ordner).")
    ensure_folder(target.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=".kitadesk-", suffix=target.suffix + ".part", dir=target.parent)
    except OSError as exc:
        raise write_failed(target, exc) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as exc:
        raise write_failed(target, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (folder created, no partial file)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)
