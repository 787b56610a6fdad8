"""Moved to tests.support.broadcast (shared test code lives in the tests.support package); kept for open branches."""

from tests.conftest import bots  # noqa: E402,F401 — the fixture now lives in conftest
from tests.support.broadcast import *  # noqa: F403
