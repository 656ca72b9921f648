"""Make the print font of the site: Noto Serif (SIL Open Font License 1.1) cut down to the
characters Vietnamese text uses, as WOFF2, into theme/assets/fonts/.

Run once when the font changes (needs the `dev` extra and Debian's fonts-noto-core):
    .venv/bin/python tools/subset_fonts.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset

SOURCE = Path("/usr/share/fonts/truetype/noto")
TARGET = Path(__file__).resolve().parent.parent / "theme" / "assets" / "fonts"
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
# Latin with every Vietnamese letter (Latin Extended-A/B for Đ đ Ơ ơ Ư ư, Latin Extended
# Additional for ạ ả ấ … ỹ), combining marks for text that is not NFC, and the punctuation and
# symbols of official documents (– — … “ ” ‘ ’ • № §).
UNICODES = ("U+0000-024F,U+0300-036F,U+1E00-1EFF,U+2000-206F,U+20AB,U+20AC,U+2116,U+2190-2193,"
            "U+00A7,U+2212,U+25A0-25CF")


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for style in STYLES:
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(SOURCE / f"NotoSerif-{style}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        out = TARGET / f"NotoSerif-{style}.woff2"
        subset.save_font(font, str(out), options)
        print(f"{out.name}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
