"""The handbook's pictures are remade by one command, tools/screenshots.py, with the headless
Chromium the other browser tests drive: run here into a temporary folder, it must make every
picture the handbook shows, each a real, small PNG of the expected size."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import CHROMEDRIVER, CHROMIUM, ROOT, require_tools

IMG = ROOT / "docs" / "handbook" / "img"


def _shown() -> set[str]:
    pages = [ROOT / "README.md", *(ROOT / "docs" / "handbook").rglob("*.md")]
    return {name for page in pages
            for name in re.findall(r"img/([\w-]+\.png)\)", page.read_text(encoding="utf-8"))}


def test_every_picture_shown_is_committed_and_small():
    shown = _shown()
    assert shown == {p.name for p in IMG.glob("*.png")}
    for name in shown:
        assert (IMG / name).stat().st_size < 150_000, name


@pytest.mark.browser
@pytest.mark.slow
def test_screenshots_are_remade_by_one_command(tmp_path):
    from PIL import Image
    require_tools(CHROMIUM, CHROMEDRIVER, package="chromium chromium-driver")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py"),
                             "--out", str(tmp_path)], capture_output=True, text=True,
                            encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stderr
    made = {p.name for p in tmp_path.glob("*.png")}
    assert made == _shown()
    for name in made:
        with Image.open(tmp_path / name) as image:
            assert image.format == "PNG" and image.width >= 1000 and image.height >= 400
            # a page, not a blank or an error screen: many shades of text on a background
            assert len(image.convert("RGB").getcolors(maxcolors=4096) or ()) > 16, name
        assert (tmp_path / name).stat().st_size < 150_000, name
