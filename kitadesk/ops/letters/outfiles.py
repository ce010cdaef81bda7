"""The letter files of a batch (`--out`) agree with the archive, whatever moment the program is
stopped at (issue 18): the files are written into a staging folder inside the output folder
BEFORE the archive transaction commits, with a manifest of the archived letter ids; after the
commit they are moved into place. The next batch into that folder finishes the move (letters
archived) or drops the folder (the transaction never committed)."""

import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kitadesk.errors import KitaDeskError
from kitadesk.models import Letter

STAGING = ".entwurf-"
MANIFEST = "manifest.json"


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "x"


@dataclass
class Staging:
    folder: Path
    out_dir: Path
    names: list[str]  # file names in print order, the print file last

    def publish(self) -> tuple[tuple[Path, ...], Path | None]:
        """Move the files into the output folder (after the commit)."""
        try:
            _move_all(self.folder, self.out_dir, self.names)
        except OSError as exc:
            raise KitaDeskError(f"Die Briefe sind archiviert, aber die Dateien konnten nicht nach {self.out_dir} "
                                f"geschrieben werden ({exc.strerror or exc}). Bitte aus dem Archiv nachdrucken.") from exc
        paths = [self.out_dir / name for name in self.names]
        return tuple(paths[:-1]), paths[-1]


def stage(out_dir: Path, period: str, suffix: str, letters, pdfs, combined: bytes) -> Staging:
    """Write one PDF per archived letter and the print file into a staging folder (before commit)."""
    folder = out_dir / f"{STAGING}{os.getpid()}-{time.time_ns()}"
    try:
        folder.mkdir(parents=True)
        names = []
        for i, (archived, pdf) in enumerate(zip(letters, pdfs), start=1):
            who = _safe(archived.aktenzeichen.split("-", 2)[-1].split("/")[0])
            names.append(f"{i:04d}_{archived.art}_{period}_{who}.pdf")
            (folder / names[-1]).write_bytes(pdf)
        names.append(f"Druckdatei_{period}{suffix}.pdf")
        (folder / names[-1]).write_bytes(combined)
        manifest = {"ids": [a.id for a in letters], "dateien": names}
        (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")  # last: a complete staging
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise KitaDeskError(f"Die Dateien konnten nicht nach {out_dir} geschrieben werden ({exc.strerror or exc}); "
                            "es wurde nichts archiviert.") from exc
    return Staging(folder, out_dir, names)


def _move_all(folder: Path, out_dir: Path, names: list[str]) -> None:
    for name in names:
        source = folder / name
        if source.exists():
            os.replace(source, out_dir / name)
    shutil.rmtree(folder, ignore_errors=True)


def recover(session: Session, out_dir: Path) -> None:
    """Finish what a stopped batch left in `out_dir`: move files of archived letters into place,
    drop staging folders whose letters were never archived (or that are incomplete)."""
    if not out_dir.is_dir():
        return
    for folder in out_dir.glob(STAGING + "*"):
        manifest = folder / MANIFEST
        try:
            data = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else None
        except (OSError, ValueError):
            data = None
        ids = data["ids"] if data else []
        archived = ids and len(set(session.scalars(select(Letter.id).where(Letter.id.in_(ids))))) == len(ids)
        if archived and data:
            _move_all(folder, out_dir, data["dateien"])
        else:
            shutil.rmtree(folder, ignore_errors=True)
