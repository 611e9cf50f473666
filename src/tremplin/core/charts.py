"""Bar charts laid out on the server: plain geometry (positions and sizes in SVG units) that a
template draws as SVG with no script, and a table beside it gives as text. No Django, no
queries: rows in, shapes out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    series: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Value:
    text: int
    x: float
    y: float
    anchor: str


@dataclass
class BarGroup:
    label: str
    label_x: float
    label_y: float
    label_anchor: str
    bars: list[Bar]
    values: list[Value]


@dataclass
class LegendEntry:
    series: str
    label: str
    swatch_x: float
    text_x: float
    anchor: str


@dataclass
class Chart:
    width: int
    height: int
    groups: list[BarGroup]
    legend: list[LegendEntry]


def chart(
    rows: list,
    labels: dict[str, str],
    rtl: bool = False,
    *,
    single: str,
    stacked: tuple[str, ...],
) -> Chart:
    """A bar chart laid out on the server (the page draws it as SVG, with no script): per row
    (an object with a `label` and one number per series), a bar of the `single` series and,
    below it, a bar of the `stacked` series one after the other. `labels` names each series
    in the legend. Right to left, the labels go on the right and the bars grow leftwards."""
    series = (single, *stacked)
    width, label_width, bar, gap, top, value_room = 720, 250, 14, 12, 34, 44
    span = width - label_width - value_room

    def total(row) -> int:
        return sum(getattr(row, name) for name in stacked)

    longest = max((max(getattr(row, single), total(row)) for row in rows), default=0) or 1
    unit = span / longest

    def place(start: float, length: float) -> float:
        """The x of a bar `start` units from the axis, in the reading direction."""
        return width - label_width - start - length if rtl else label_width + start

    def value(end: float, y: float, text: int) -> Value:
        if rtl:
            return Value(text, round(width - label_width - end - 4, 1), y, "end")
        return Value(text, round(label_width + end + 4, 1), y, "start")

    groups = []
    y = top
    for row in rows:
        bars = []
        length = getattr(row, single) * unit
        if length:
            bars.append(Bar(single, round(place(0, length), 1), y, round(length, 1), bar - 1))
        offset = 0.0
        for name in stacked:
            length = getattr(row, name) * unit
            if length:
                bars.append(
                    Bar(name, round(place(offset, length), 1), y + bar, round(length, 1), bar - 1)
                )
            offset += length
        values = [
            value(getattr(row, single) * unit, y + bar - 3, getattr(row, single)),
            value(offset, y + 2 * bar - 3, total(row)),
        ]
        label_x, anchor = (width - label_width + 6, "start") if rtl else (label_width - 6, "end")
        groups.append(BarGroup(row.label, label_x, y + bar + 5, anchor, bars, values))
        y += 2 * bar + gap
    legend = []
    step = width / len(series)
    for index, name in enumerate(series):
        if rtl:
            swatch = round(width - index * step - 12, 1)
            legend.append(LegendEntry(name, str(labels[name]), swatch, swatch - 4, "end"))
        else:
            swatch = round(index * step, 1)
            legend.append(LegendEntry(name, str(labels[name]), swatch, swatch + 16, "start"))
    return Chart(width, int(y + 4), groups, legend)
