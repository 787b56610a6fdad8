"""The secretariat's guides show exactly what the bot says now (regenerate with `python -m bot.sandbox.demo.guide`)."""

from __future__ import annotations

from bot.sandbox.demo.guide import GUIDES, MARKER, ROOT, generate


async def test_guides_match_what_the_bot_says() -> None:
    guides = await generate()
    assert {path.name for path in guides} == set(GUIDES.values())
    for path, text in guides.items():
        assert not MARKER.search(text), f"{path.name}: a marker was left unreplaced"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python -m bot.sandbox.demo.guide"
        )
    vi = (ROOT / "docs" / "huong-dan-su-dung.md").read_text(encoding="utf-8")
    assert "> 📋 Xem trước danh sách danh-sach-bo-sung.csv" in vi and "@BotFather" in vi
    assert "start=…" in vi and "start=" + "A" not in vi
    en = (ROOT / "docs" / "organizer-guide.md").read_text(encoding="utf-8")
    assert "> 📋 Preview of the roster danh-sach-bo-sung.csv" in en and "/export" in en
