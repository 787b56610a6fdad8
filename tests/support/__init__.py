"""Shared test code: the test conference and boot helper (harness), and helpers by area. Fixtures stay in conftest."""
