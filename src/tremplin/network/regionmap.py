"""The schematic map of France's regions: a tile-grid cartogram (one tile per region, placed
roughly where the region lies), the five overseas regions as insets. Drawn by the template as
SVG; nothing is downloaded, no tile server. Positions are in grid units (column, row, width)."""

from __future__ import annotations

from dataclasses import dataclass

TILE = 96  # pixels per grid unit in the SVG's own coordinates
GAP = 6

# code: (column, row, width in columns, short label)
METROPOLITAN = {
    "FR-HDF": (2, 0, 1, "HDF"),
    "FR-NOR": (1, 1, 1, "NOR"),
    "FR-IDF": (2, 1, 1, "IDF"),
    "FR-GES": (3, 1, 1, "GES"),
    "FR-BRE": (0, 2, 1, "BRE"),
    "FR-PDL": (1, 2, 1, "PDL"),
    "FR-CVL": (2, 2, 1, "CVL"),
    "FR-BFC": (3, 2, 1, "BFC"),
    "FR-NAQ": (1, 3, 1, "NAQ"),
    "FR-ARA": (2, 3, 2, "ARA"),
    "FR-OCC": (1, 4, 2, "OCC"),
    "FR-PAC": (3, 4, 1, "PAC"),
    "FR-20R": (4, 5, 1, "COR"),
}
OVERSEAS = {
    "FR-971": (0, "GUA"),
    "FR-972": (1, "MTQ"),
    "FR-973": (2, "GUF"),
    "FR-974": (3, "REU"),
    "FR-976": (4, "MYT"),
}
INSET_ROW = 6.6  # the overseas insets, in a row under the mainland, each in its own frame
LEVELS = 5


@dataclass
class Tile:
    code: str
    label: str
    x: int
    y: int
    width: int
    height: int
    level: int
    overseas: bool

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2


def level(count: int, highest: int) -> int:
    """0 for no site, then 1..LEVELS-1 in proportion to the busiest region."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(LEVELS - 1, -(-(LEVELS - 1) * count // highest)))


def tiles(counts: dict[str, int]) -> list[Tile]:
    """The tiles of the regions in `counts` (code -> number of sites); unknown codes are left
    out of the map (the table lists every region anyway)."""
    highest = max(counts.values(), default=0)
    result = []
    for code, (column, row, width, label) in METROPOLITAN.items():
        if code in counts:
            result.append(
                Tile(
                    code,
                    label,
                    column * TILE + GAP // 2,
                    row * TILE + GAP // 2,
                    width * TILE - GAP,
                    TILE - GAP,
                    level(counts[code], highest),
                    False,
                )
            )
    for code, (column, label) in OVERSEAS.items():
        if code in counts:
            result.append(
                Tile(
                    code,
                    label,
                    column * TILE + GAP // 2,
                    round(INSET_ROW * TILE) + GAP // 2,
                    TILE - GAP,
                    TILE - GAP,
                    level(counts[code], highest),
                    True,
                )
            )
    return result


WIDTH = 5 * TILE
HEIGHT = round((INSET_ROW + 1) * TILE)
INSET_TOP = round((INSET_ROW - 0.3) * TILE)
