"""A child process that imports an export in small batches, saying "wrote" after each,
for tests/reliability/test_import_crash.py to kill mid-import."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop.importers import run


def main() -> None:
    export, history = Path(sys.argv[1]), Path(sys.argv[2])
    run.BATCH_MESSAGES = 20
    real_write = run.BulkImport.write

    def write(self: run.BulkImport, batch: list[run.ExportedConversation]) -> list[str]:
        skipped = real_write(self, batch)
        print("wrote", flush=True)
        time.sleep(0.02)  # room for the kill to land between batches and inside them
        return skipped

    run.BulkImport.write = write  # type: ignore[method-assign]
    run.import_export(export, history, run.Progress())
    print("finished", flush=True)


if __name__ == "__main__":
    main()
