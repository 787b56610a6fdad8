"""Moved to tests.support.routing (shared test code lives in the tests.support package); kept for open branches."""

from tests.support.routing import *  # noqa: F403
