"""The smallest valid config mapping, for tests of the config reader (tests/test_config.py, test_config_messages.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
SECRET = "webhook-Secret_0123456789"


def minimal() -> dict[str, Any]:
    """Return a fresh, valid config mapping with only the required keys."""
    return {
        "telegram": {"token": TOKEN},
        "event": {
            "name": "Hội nghị tổng kết",
            "venue": "Trung tâm Hội nghị tỉnh",
            "starts_at": datetime(2026, 12, 28, 8, 0),
            "rsvp_deadline": "2026-12-20 17:00",
            "proposals_deadline": "25/12/2026 17:00",
        },
    }
