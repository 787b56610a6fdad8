"""Benchmark harness (issue 3): scripts that compare the bot against bare baselines; never run by pytest."""
