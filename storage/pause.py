"""A test-only pause inside a unit of work, so a kill test can SIGKILL the process at a known moment.

When the environment variable HOINGHI_PAUSE_AT names a point (e.g. "migration:10", "roster.import") and the process
reaches that point, it writes its pid to the file HOINGHI_PAUSE_FILE and waits there, its transaction open, to be
killed (tests/test_crash_restart.py). Nobody sets it outside tests; unset, a point costs one dictionary lookup.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

POINT = "HOINGHI_PAUSE_AT"
MARKER = "HOINGHI_PAUSE_FILE"
LONGEST = 120.0  # a test that forgot to kill the process: it exits (without committing) rather than hang


async def pause_point(name: str) -> None:
    """Wait here to be killed when the environment asks for this point; otherwise return at once."""
    if os.environ.get(POINT) != name:
        return
    marker = os.environ.get(MARKER)
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    await asyncio.sleep(LONGEST)
    os._exit(3)  # never go on to commit: the test expected to kill the process inside the transaction
