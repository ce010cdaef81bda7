"""Where the data lives (interfaces.md §1): --db, KITADESK_DB, kitadesk.ini, else the
embedded SQLite in the user data dir. Also the log file and the current user name."""

import configparser
import getpass
import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

APP = "KitaDesk"


def data_dir() -> Path:
    return Path(user_data_dir(APP, appauthor=False))


def config_file() -> Path:
    return Path(user_config_dir(APP, appauthor=False)) / "kitadesk.ini"


def default_sqlite_path() -> Path:
    return data_dir() / "kitadesk.sqlite3"


def database_url(cli_value: str | None = None) -> str:
    """First match wins: option, environment, local settings file, embedded default."""
    if cli_value:
        return normalize_url(cli_value)
    if os.environ.get("KITADESK_DB"):
        return normalize_url(os.environ["KITADESK_DB"])
    ini = config_file()
    if ini.exists():
        parser = configparser.ConfigParser()
        parser.read(ini, encoding="utf-8")
        url = parser.get("datenbank", "url", fallback="").strip()
        if url:
            return normalize_url(url)
    path = default_sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def normalize_url(url: str) -> str:
    """Accept a plain file path for SQLite and `postgresql://` for psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def sqlite_file(url: str) -> Path | None:
    if url.startswith("sqlite:///") and ":memory:" not in url:
        return Path(url[len("sqlite:///"):])
    return None


def current_user(cli_value: str | None = None) -> str:
    """--user, KITADESK_USER, else the operating system's account name (issue 8)."""
    if cli_value:
        return cli_value
    if os.environ.get("KITADESK_USER"):
        return os.environ["KITADESK_USER"]
    try:
        return getpass.getuser()
    except Exception:  # no account name (rare containers)
        return "unbekannt"


def log_file() -> Path:
    path = Path(user_log_dir(APP, appauthor=False)) / "kitadesk.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


LOG_BYTES, LOG_FILES = 2 * 1024 * 1024, 5  # kitadesk.log + 4 older files, 2 MB each
QUIET_LOGGERS = ("alembic", "sqlalchemy", "PIL", "fontTools", "reportlab")  # their INFO is noise for the office


class SharedRotatingFileHandler(RotatingFileHandler):
    """Rotation that tolerates another KitaDesk process holding the file open (Windows refuses
    the rename then): it keeps appending and tries again with the next line."""

    def doRollover(self) -> None:
        try:
            super().doRollover()
        except OSError:
            if self.stream is None:
                self.stream = self._open()

    def format(self, record: logging.LogRecord) -> str:
        """One line, never cut inside a character (log_line), no row values (SafeFormatter)."""
        return log_line(super().format(record)).decode("utf-8").rstrip("\n")


MAX_LOG_LINE = 16 * 1024  # bytes of one log line (longer messages are shortened at a character)


def log_line(text: str, limit: int = MAX_LOG_LINE) -> bytes:
    data = (text.replace("\r", " ") + "\n").encode("utf-8", "replace")
    if len(data) <= limit:
        return data
    marker = " […]\n".encode()
    cut = data[:limit - len(marker)].decode("utf-8", "ignore").encode("utf-8")  # drops a partial character
    return cut + marker


# PostgreSQL's DETAIL of a refused row repeats its values ("Failing row contains (…)", "Key (…)=(…)")
_ROW_DETAIL = re.compile(r"DETAIL:\s.*?(?=\n\[SQL|\n\(Background|\Z)", re.S)


class SafeFormatter(logging.Formatter):
    """No personal data from the database in the log: SQL parameters are hidden by the engine
    (hide_parameters), the row values PostgreSQL repeats in its error DETAIL are dropped here."""

    def format(self, record: logging.LogRecord) -> str:
        return _ROW_DETAIL.sub("DETAIL: (Werte ausgeblendet)", super().format(record))


def setup_logging() -> Path:
    """KitaDesk's INFO and everyone's warnings into a rotating, UTF-8 log file (once per process)."""
    path = log_file()
    root = logging.getLogger()
    if not any(getattr(h, "kitadesk", False) for h in root.handlers):
        handler = SharedRotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_FILES - 1, encoding="utf-8",
                                      delay=True)
        handler.kitadesk = True  # type: ignore[attr-defined]
        handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return path
