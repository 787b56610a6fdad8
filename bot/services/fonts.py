"""The Unicode fonts files are drawn with: the DejaVu TTFs that ship inside the matplotlib wheel.

No system font is needed on a fresh server, and Vietnamese diacritics always render. The path is found without
importing matplotlib (which would pull numpy into a bot that has drawn nothing).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

FAMILIES = {
    "serif": "DejaVuSerif",
    "serif-bold": "DejaVuSerif-Bold",
    "serif-italic": "DejaVuSerif-Italic",
    "sans": "DejaVuSans",
    "sans-bold": "DejaVuSans-Bold",
}


class FontMissing(RuntimeError):
    """matplotlib (a dependency) is not installed, or its fonts folder moved."""


@cache
def font_folder() -> Path:
    """matplotlib's mpl-data/fonts/ttf folder."""
    spec = importlib.util.find_spec("matplotlib")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "mpl-data" / "fonts" / "ttf"
        if (folder / "DejaVuSans.ttf").is_file():
            return folder
    raise FontMissing("the DejaVu fonts of the matplotlib package were not found; reinstall the bot's dependencies")


def font_path(style: str) -> Path:
    """The TTF of one of FAMILIES."""
    return font_folder() / f"{FAMILIES[style]}.ttf"
