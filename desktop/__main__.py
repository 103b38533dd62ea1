"""``python -m desktop`` opens Parley."""

import sys

if sys.argv[1:2] == ["--render-worker"]:  # the bundle's render worker (ui/render/background.py)
    from desktop.core.render_jobs import main as serve_render_jobs

    serve_render_jobs()
    sys.exit(0)
if sys.argv[1:2] == ["--import-worker"]:  # the bundle's import worker (importers/worker.py)
    from desktop.importers.worker import main as serve_import

    serve_import()
    sys.exit(0)
if sys.argv[1:2] == ["--read-worker"]:  # the bundle's document reader (documents/reader_process.py)
    from desktop.documents.reader_process import main as serve_reading

    serve_reading()
    sys.exit(0)

# httpx imports its command-line client when rich and click are installed (they are in
# a development environment); Parley never uses it, and it costs ~50 ms of startup.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import PySide6.QtCore  # noqa: E402, F401  (first, so that the check below applies)

from desktop.ui import import_check  # noqa: E402

import_check.install()

from desktop.launch import main  # noqa: E402

sys.exit(main())
