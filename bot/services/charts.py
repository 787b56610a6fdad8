"""Charts as PNG bytes for Telegram (statistics, the committee's task board).

matplotlib is imported lazily inside the rendering function: a bot that never draws never imports it. Rendering uses
the object API (no pyplot, no global state), the Agg backend and the DejaVu Sans font files that ship inside matplotlib
(no system fonts), so Vietnamese diacritics render the same on every machine. Rendering takes ~0.1–0.3 s of CPU: call
`render_stacked_bars` (runs in a worker thread) from async code, `stacked_bars_png` from sync code.
"""

from __future__ import annotations

import asyncio
import importlib.util
import io
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Phone-readable: 1080 px wide (a phone screen's width), large type.
WIDTH_INCHES = 9.0
DPI = 120
BAR_INCHES = 0.55
MIN_HEIGHT_INCHES = 3.5
# Telegram refuses photos whose width + height exceed 10000 px; 60 in at 120 dpi = 7200 px.
MAX_HEIGHT_INCHES = 60.0
LABEL_WIDTH_CHARS = 26
# Neutral palette readable on light backgrounds (green = done, blue = in progress, red = overdue, …).
GREEN = "#2e7d32"
BLUE = "#1565c0"
AMBER = "#f9a825"
RED = "#c62828"
GREY = "#9e9e9e"
PURPLE = "#6a1b9a"

# matplotlib's font manager and text layout are shared process-wide: one drawing at a time.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Series:
    """One named, coloured part of every bar: values[i] belongs to labels[i]."""

    name: str
    values: tuple[float, ...]
    color: str


def font_path(*, bold: bool = False) -> Path:
    """The DejaVu Sans file that ships inside matplotlib (also usable by fpdf2), found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("matplotlib is not installed (it is a dependency in pyproject.toml)")
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf" / name


async def render_stacked_bars(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    empty_text: str = "—",
    show_totals: bool = True,
) -> bytes:
    """`stacked_bars_png` in a worker thread, so the event loop keeps answering while the chart is drawn."""
    return await asyncio.to_thread(
        stacked_bars_png, labels, series, title=title, empty_text=empty_text, show_totals=show_totals
    )


def stacked_bars_png(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    empty_text: str = "—",
    show_totals: bool = True,
) -> bytes:
    """Stacked horizontal bars, one per label (top to bottom in the given order), one colour per series, as PNG.

    Each segment shows its value when it is wide enough; the bar's total is written at its end. With no labels or
    nothing to draw (all values 0), the image holds the title and `empty_text` instead of bars.
    """
    for item in series:
        if len(item.values) != len(labels):
            raise ValueError(f"series {item.name!r} has {len(item.values)} values for {len(labels)} labels")
        if any(value < 0 for value in item.values):
            raise ValueError(f"series {item.name!r} has a negative value")
    with _LOCK:
        return _draw(list(labels), list(series), title, empty_text, show_totals)


def _draw(labels: list[str], series: list[Series], title: str, empty_text: str, show_totals: bool) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.ticker import MaxNLocator

    def font(size: float, *, bold: bool = False) -> FontProperties:
        return FontProperties(fname=str(font_path(bold=bold)), size=size)

    totals = [sum(item.values[i] for item in series) for i in range(len(labels))]
    empty = not labels or not series or max(totals, default=0) <= 0
    height = MIN_HEIGHT_INCHES if empty else 1.9 + BAR_INCHES * len(labels) * _rows_per_label(labels)
    height = min(max(height, MIN_HEIGHT_INCHES), MAX_HEIGHT_INCHES)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    figure.suptitle(textwrap.fill(title, 60), fontproperties=font(16, bold=True))
    if empty:
        axes.set_axis_off()
        axes.text(0.5, 0.5, empty_text, ha="center", va="center", fontproperties=font(15), color="#555555")
        return _png(figure)

    positions = list(range(len(labels)))
    left = [0.0] * len(labels)
    largest = max(totals)
    for item in series:
        bars = axes.barh(positions, item.values, left=left, color=item.color, label=item.name, height=0.7)
        for bar, value, start in zip(bars, item.values, left):
            if value > 0 and value / largest >= 0.06:
                axes.text(
                    start + value / 2,
                    bar.get_y() + bar.get_height() / 2,
                    _number(value),
                    ha="center",
                    va="center",
                    color="white",
                    fontproperties=font(11, bold=True),
                )
        left = [a + b for a, b in zip(left, item.values)]
    if show_totals:
        for position, total in zip(positions, totals):
            axes.text(total + largest * 0.01, position, _number(total), va="center", fontproperties=font(12))
    axes.set_yticks(positions)
    axes.set_yticklabels([textwrap.fill(label, LABEL_WIDTH_CHARS) for label in labels], fontproperties=font(12))
    axes.invert_yaxis()  # first label on top
    axes.set_xlim(0, largest * 1.12)
    for tick in axes.get_xticklabels():
        tick.set_fontproperties(font(11))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.04 if len(labels) > 6 else -0.08),
        ncol=min(len(series), 3),
        frameon=False,
        prop=font(12),
    )
    return _png(figure)


def _rows_per_label(labels: list[str]) -> float:
    """Wrapped labels need taller bars: the mean number of lines a label takes."""
    lines = [len(textwrap.wrap(label, LABEL_WIDTH_CHARS)) or 1 for label in labels]
    return max(1.0, sum(lines) / len(lines))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout(rect=(0, 0, 1, 0.97))
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()
