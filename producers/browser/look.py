"""A document's look: design, font, page, colours, number style and text-layer defects, drawn per document."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from .markup import DESIGN_FONTS, SVG_FONT, Page
from .svg import Style

PALETTES = [
    ("#1f4e79", "#9dc3e6", "#c55a11", "#70ad47", "#ffc000", "#7030a0", "#5b9bd5", "#a5a5a5", "#264478",
     "#9e480e", "#636363"),
    ("#00677f", "#f29e4c", "#5c946e", "#b33f62", "#345995", "#f4d35e", "#8d6a9f", "#3b7080", "#ee6055",
     "#60a561", "#999999"),
    ("#7a1f2b", "#d99a4e", "#3c6e71", "#284b63", "#b5838d", "#6d597a", "#e5989b", "#355070", "#b56576",
     "#eaac8b", "#777777"),
]

# Defects a document may get (seen in the real text layers): see DEFECTS in __main__'s README.
DEFECTS = ("doubled", "runon", "spaced", "hyphen", "comma", "footnote", "connector", "locl")


@dataclass
class Look:
    design: str
    font: str
    page: Page
    palette: tuple[str, ...]
    defects: set[str] = field(default_factory=set)
    font_size: float = 9.5

    @property
    def comma(self) -> bool:
        return "comma" in self.defects

    def style(self, size: float = 8.5) -> Style:
        return Style(font=SVG_FONT[self.font], size=size, palette=self.palette, doubled="doubled" in self.defects)


def draw_look(rng: random.Random, design: str, landscape_ok: bool = True, defect_rate: float = 0.3,
              defective_share: float = 0.7) -> Look:
    font = rng.choice(DESIGN_FONTS[design])
    page = Page(size=rng.choice(["A4", "A4", "Letter"]),
                landscape=landscape_ok and design == "brochure" and rng.random() < 0.7)
    defects = {d for d in DEFECTS if rng.random() < defect_rate} if rng.random() < defective_share else set()
    return Look(design, font, page, rng.choice(PALETTES), defects, font_size=rng.choice([9, 9.5, 10]))


def cyrillic_font(look: Look) -> None:
    """Serbian Cyrillic editions: DejaVu under lang="sr" prints the Serbian б glyph, whose text-layer code is
    a private-use character (U+F6C5): kept only as the 'locl' defect, otherwise a font without it."""
    if "locl" in look.defects:
        look.font = "dejavu"
    elif look.font == "dejavu":
        look.font = "noto"
