"""The chart module: PNG bytes read back, Vietnamese glyphs present, empty data, lazy matplotlib import."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
import warnings

import pytest
from PIL import Image

from bot.services.charts import (
    BLUE,
    DPI,
    GREEN,
    RED,
    WIDTH_INCHES,
    Series,
    font_path,
    render_stacked_bars,
    stacked_bars_png,
)

LABELS = ["Nội dung", "Hậu cần", "Sở Nông nghiệp và Phát triển nông thôn tỉnh", "Ủy ban nhân dân tỉnh"]


def _has_colour(image: Image.Image, hex_colour: str) -> bool:
    wanted = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return any(count > 200 and pixel[:3] == wanted for count, pixel in image.getcolors(maxcolors=1 << 20) or [])


def test_stacked_bars_png_is_a_phone_sized_png_with_every_series_drawn(caplog: pytest.LogCaptureFixture) -> None:
    series = [
        Series("Đã hoàn thành", (3, 1, 0, 5), GREEN),
        Series("Đang thực hiện", (2, 4, 1, 1), BLUE),
        Series("Quá hạn", (1, 0, 2, 0), RED),
    ]
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        png = stacked_bars_png(LABELS, series, title="Tiến độ chuẩn bị Hội nghị — Ban Tổ chức")
    # DejaVu Sans has every Vietnamese glyph: matplotlib reports a missing one as a warning.
    assert not [w for w in caught if "Glyph" in str(w.message)]
    assert "Glyph" not in caplog.text
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png))
    image.verify()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width == int(WIDTH_INCHES * DPI)
    assert 400 <= image.height <= 10000 - image.width  # Telegram: width + height <= 10000
    for colour in (GREEN, BLUE, RED):
        assert _has_colour(image, colour), colour


async def test_empty_dataset_renders_the_title_and_the_empty_text_only() -> None:
    for labels, series in (([], []), (["Nội dung"], [Series("Xong", (0,), GREEN)])):
        png = await render_stacked_bars(labels, series, title="Tiến độ", empty_text="Chưa có dữ liệu")
        image = Image.open(io.BytesIO(png)).convert("RGB")
        assert image.width == int(WIDTH_INCHES * DPI)
        assert not _has_colour(image, GREEN)
        # Something (the title and the text) is written: not a blank page.
        assert len(image.getcolors(maxcolors=1 << 20) or []) > 10


def test_many_labels_stay_within_telegram_photo_limits() -> None:
    labels = [f"Cơ quan số {i}" for i in range(150)]
    png = stacked_bars_png(labels, [Series("Tham dự", tuple(range(150)), GREEN)], title="Đại biểu")
    image = Image.open(io.BytesIO(png))
    assert image.width + image.height <= 10000 and image.height / image.width <= 20


def test_bad_series_are_refused() -> None:
    with pytest.raises(ValueError, match="2 values for 1 labels"):
        stacked_bars_png(["A"], [Series("x", (1, 2), GREEN)], title="t")
    with pytest.raises(ValueError, match="negative"):
        stacked_bars_png(["A"], [Series("x", (-1,), GREEN)], title="t")


def test_font_is_the_one_shipped_in_matplotlib() -> None:
    assert font_path().is_file() and font_path().name == "DejaVuSans.ttf"
    assert font_path(bold=True).is_file() and font_path(bold=True).name == "DejaVuSans-Bold.ttf"
    assert font_path().parent.parts[-4:] == ("matplotlib", "mpl-data", "fonts", "ttf")
    # One place finds matplotlib's fonts: the charts use the same files as the PDF and the QR card.
    from bot.services import fonts

    assert font_path() == fonts.font_path("sans") and font_path(bold=True) == fonts.font_path("sans-bold")


def test_the_bot_does_not_import_matplotlib_until_it_draws() -> None:
    code = (
        "import sys; import bot.telegram.app, bot.cli, bot.services.charts as c; c.font_path();"
        "assert 'matplotlib' not in sys.modules, 'imported at start';"
        "c.stacked_bars_png(['a'], [c.Series('s', (1,), c.GREEN)], title='t');"
        "assert 'matplotlib' in sys.modules; assert 'matplotlib.pyplot' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
