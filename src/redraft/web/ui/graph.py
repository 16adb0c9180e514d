"""The history's branch graph: one straight lane per branch, drawn as SVG, one piece per row.

Each table row gets its own small SVG whose lines run from the top (y=0%) through the node
(y=50%) to the bottom (y=100%) of the row, so the graph stays aligned with the list however
tall a row grows (wrapped text, an open tag form). An edge spanning rows is cut into pieces:
the rows it passes through get a full-height line in its lane.

Edges are routed in one lane and bend in one row: a fork (a version whose parent is on another
branch) runs up the child's lane and bends out of the parent's row; a merge runs up the merged
branch's lane and bends into the merge version's row.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

LANE_WIDTH = 18
NODE_RADIUS = 5
# Lane colours, all at least 3:1 against white (WCAG non-text contrast).
PALETTE = ("#2f5d9e", "#8a4fbf", "#b3541e", "#1f7a5a", "#a3306b", "#5c6b16")
MUTED = "#6b7178"

# A piece of line: x in lanes, y in percent of the row's height (0 top, 50 node, 100 bottom).
Segment = tuple[int, int, int, int, int]  # lane1, y1, lane2, y2, colour lane


@dataclass(frozen=True, slots=True)
class GraphNode:
    id: str
    branch: str
    parent_id: str | None
    merge_parent_id: str | None
    status: str


@dataclass(frozen=True, slots=True)
class Graph:
    lanes: tuple[str, ...]
    rows: tuple[Markup, ...]

    @property
    def width(self) -> int:
        return lane_x(len(self.lanes) - 1) + LANE_WIDTH // 2 if self.lanes else LANE_WIDTH

    def colour(self, branch: str) -> str:
        return PALETTE[self.lanes.index(branch) % len(PALETTE)]


def lane_x(lane: int) -> int:
    return LANE_WIDTH // 2 + lane * LANE_WIDTH


def order_lanes(nodes: list[GraphNode]) -> tuple[str, ...]:
    """`main` first, then branches in the order they started (oldest at the left)."""
    lanes: list[str] = []
    for node in reversed(nodes):  # rows are newest first
        if node.branch not in lanes:
            lanes.append(node.branch)
    if "main" in lanes:
        lanes.remove("main")
        lanes.insert(0, "main")
    return tuple(lanes)


def layout(nodes: list[GraphNode]) -> Graph:
    """One SVG per row, for rows given newest first."""
    lanes = order_lanes(nodes)
    lane_of = {branch: index for index, branch in enumerate(lanes)}
    row_of = {node.id: index for index, node in enumerate(nodes)}
    pieces: list[set[Segment]] = [set() for _ in nodes]

    def run(lane: int, top: int, bottom: int | None) -> None:
        """A vertical line in `lane` through the rows strictly between `top` and `bottom`."""
        for row in range(top + 1, len(nodes) if bottom is None else bottom):
            pieces[row].add((lane, 0, lane, 100, lane))

    for index, node in enumerate(nodes):
        here = lane_of[node.branch]
        parent = row_of.get(node.parent_id) if node.parent_id else None
        if node.parent_id is not None:
            pieces[index].add((here, 50, here, 100, here))
            run(here, index, parent)
            if parent is not None:
                there = lane_of[nodes[parent].branch]
                if there == here:
                    pieces[parent].add((here, 0, here, 50, here))
                else:  # a fork bends out of the parent's node into the new lane
                    pieces[parent].add((there, 50, here, 0, here))
        merged = row_of.get(node.merge_parent_id) if node.merge_parent_id else None
        if merged is not None:
            # A merge parent older than the rows shown has no lane here; it is not drawn.
            source = lane_of[nodes[merged].branch]
            pieces[index].add((here, 50, source, 100, source))
            run(source, index, merged)
            pieces[merged].add((source, 0, source, 50, source))
    rows = tuple(
        _row_svg(pieces[index], lane_of[node.branch], node.status, len(lanes))
        for index, node in enumerate(nodes)
    )
    return Graph(lanes, rows)


def _row_svg(segments: set[Segment], lane: int, status: str, lanes: int) -> Markup:
    width = lane_x(lanes - 1) + LANE_WIDTH // 2
    parts = [
        f'<svg class="graph-row" width="{width}" height="100%" aria-hidden="true" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">'
    ]
    for x1, y1, x2, y2, colour in sorted(segments):
        parts.append(
            f'<line x1="{lane_x(x1)}" y1="{y1}%" x2="{lane_x(x2)}" y2="{y2}%" '
            f'stroke="{PALETTE[colour % len(PALETTE)]}" stroke-width="2"/>'
        )
    lane_colour = PALETTE[lane % len(PALETTE)]
    # Accepted versions are solid, drafts hollow, rejected and superseded ones grey.
    if status in ("rejected", "superseded"):
        fill, stroke = MUTED, MUTED
    elif status == "draft":
        fill, stroke = "#ffffff", lane_colour
    else:
        fill, stroke = lane_colour, lane_colour
    parts.append(
        f'<circle cx="{lane_x(lane)}" cy="50%" r="{NODE_RADIUS}" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="2"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
