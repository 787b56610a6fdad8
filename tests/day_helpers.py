"""Moved to tests.support.day (shared test code lives in the tests.support package); kept for open branches."""

from tests.support.day import *  # noqa: F403
