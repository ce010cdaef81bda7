"""Where the data lives (interfaces.md §1): --db, KITADESK_DB, kitadesk.ini, else the
embedded SQLite in the user data dir. Also the log file and the current user name."""

import configparser
import getpass
import logging
import os
import re
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


class LogHandler(logging.Handler):
    """The log file of every KitaDesk process (window, CLI, several desks on one PC):
    - each record is ONE write of whole UTF-8 characters to a file opened with O_APPEND, so lines
      of several processes never interleave or break inside a character (issue 18);
    - it rotates at `max_bytes` into kitadesk.log.1 … .N (issue 16); a rename another process
      blocks (Windows) is skipped and tried again with the next line."""

    kitadesk = True

    def __init__(self, path: Path, max_bytes: int = LOG_BYTES, backups: int = LOG_FILES - 1):
        super().__init__()
        self.path, self.max_bytes, self.backups = path, max_bytes, backups
        self.fd = self._open()

    def _open(self) -> int:
        return os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            data = log_line(self.format(record))
            if self.max_bytes and os.fstat(self.fd).st_size + len(data) > self.max_bytes:
                self._rotate()
            os.write(self.fd, data)
        except Exception:  # logging must never break the program
            self.handleError(record)

    def _rotate(self) -> None:
        os.close(self.fd)
        try:
            for i in range(self.backups - 1, 0, -1):
                older = self.path.with_name(f"{self.path.name}.{i}")
                if older.exists():
                    os.replace(older, self.path.with_name(f"{self.path.name}.{i + 1}"))
            if self.path.exists():
                os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))
        except OSError:
            pass  # another process holds the file (Windows): keep appending, try with the next line
        self.fd = self._open()

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass
        super().close()


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
    """KitaDesk's INFO and everyone's warnings into the rotating, UTF-8 log file (one handler per
    process; a new data folder — tests — replaces it)."""
    path = log_file()
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, LogHandler)]:
        if old.path == path:
            break
        root.removeHandler(old)
        old.close()
    else:
        handler = LogHandler(path)
        handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return path
