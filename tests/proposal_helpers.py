"""Moved to tests.support.proposals (shared test code lives in the tests.support package); kept for open branches."""

from tests.support.proposals import *  # noqa: F403
