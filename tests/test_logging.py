"""Secrets never reach the logs."""

from __future__ import annotations

import logging

import pytest

from bot.telegram.logging_setup import RedactSecrets, add_secret, configure_logging

TOKEN = "123456789:AAH-very-secret-token-value-0000000"


def test_token_in_message_and_args_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redact")
    logger.addFilter(RedactSecrets([TOKEN, "hook-secret"]))
    with caplog.at_level(logging.INFO, logger="test.redact"):
        logger.info("POST https://api.telegram.org/bot%s/getUpdates secret=%s", TOKEN, "hook-secret")
    assert TOKEN not in caplog.text and "hook-secret" not in caplog.text
    assert "bot***/getUpdates" in caplog.text


def test_configured_logging_keeps_http_request_lines_out(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging([TOKEN])
        logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot%s/sendMessage", TOKEN)
        logging.getLogger("bot").warning("failure with %s", TOKEN)
        err = capsys.readouterr().err
        assert TOKEN not in err and "failure with ***" in err and "HTTP Request" not in err
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])


def test_tracebacks_are_redacted_too(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging([TOKEN])
        try:
            raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
        except RuntimeError:
            logging.getLogger("bot").exception("start-up failed")
        err = capsys.readouterr().err
        assert "start-up failed" in err and "RuntimeError" in err and TOKEN not in err
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])


def test_a_secret_learnt_after_start_up_is_redacted_from_then_on(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    path = "hall-screen-path-made-at-start-up-0001"
    try:
        configure_logging([TOKEN])
        add_secret(path)
        logging.getLogger("telegram.Bot").warning("Calling sendMessage with text http://127.0.0.1:8089/%s/", path)
        err = capsys.readouterr().err
        assert path not in err and "http://127.0.0.1:8089/***/" in err
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
