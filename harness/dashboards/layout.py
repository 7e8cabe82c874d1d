"""Lay panels out on Grafana's 24-column grid and wrap them in a dashboard."""
from __future__ import annotations

import attr
from grafanalib.core import Dashboard, GridPos, RowPanel, Time

GRID_WIDTH = 24
PANEL_HEIGHT = 8
ROW_HEIGHT = 1
TAGS = ["astroshop"]


def place(panels: list) -> list:
    """Copies of `panels` with a gridPos each: left to right, wrapping; rows span the width."""
    placed, x, y, line_height = [], 0, 0, 0
    for panel in panels:
        if isinstance(panel, RowPanel):
            y += line_height
            placed.append(attr.evolve(panel, gridPos=GridPos(h=ROW_HEIGHT, w=GRID_WIDTH,
                                                             x=0, y=y)))
            x, y, line_height = 0, y + ROW_HEIGHT, 0
            continue
        width = panel.span or 8
        if x + width > GRID_WIDTH:
            x, y, line_height = 0, y + line_height, 0
        placed.append(attr.evolve(panel, gridPos=GridPos(h=PANEL_HEIGHT, w=width, x=x, y=y),
                                  span=None))
        x, line_height = x + width, max(line_height, PANEL_HEIGHT)
    return placed


def dashboard(title: str, uid: str, panels: list, description: str = "",
              tags: tuple[str, ...] = ()) -> Dashboard:
    """A dashboard of `panels` laid out on the grid, with panel ids and the house tags."""
    return Dashboard(title=title, uid=uid, description=description, tags=[*TAGS, *tags],
                     panels=place(panels), time=Time("now-30m", "now"), refresh="10s",
                     timezone="browser", sharedCrosshair=True).auto_panel_ids()
