"""The log file a person can open from Settings → About, and send with a bug report.

:func:`start_log_file` adds a rotating file handler (1 MB × 3) to the root logger, in
:func:`desktop.storage.state_paths.logs_dir`; the folder is private (0700) and the file
0600. Keys never reach a log (see desktop.storage.secrets).
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop.storage.state_paths import logs_dir

log = logging.getLogger(__name__)

LOG_NAME = "parley.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def start_log_file(directory: Path | None = None, *, level: int = logging.WARNING) -> Path | None:
    """Log to ``directory/parley.log`` from now on; returns its path, or None when the
    folder cannot be written (logging then goes on to stderr only). Idempotent."""
    folder = directory or logs_dir()
    path = folder / LOG_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(descriptor)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        log.warning("cannot write the log file in %s", folder)
        return None
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return path
