"""The branch graph: a straight lane per branch, row pieces that join up, forks and merges."""

from __future__ import annotations

from redraft.web.ui.graph import GraphNode, layout, order_lanes

MAIN, SIDE = 9, 27  # x of lanes 0 and 1


def node(id_: str, branch: str = "main", parent: str | None = None, **extra: str) -> GraphNode:
    return GraphNode(
        id=id_,
        branch=branch,
        parent_id=parent,
        merge_parent_id=extra.get("merged"),
        status=extra.get("status", "active"),
    )


def line(x1: int, y1: int, x2: int, y2: int) -> str:
    return f'x1="{x1}" y1="{y1}%" x2="{x2}" y2="{y2}%"'


# Newest first: M merges the experiment (X, forked from B) back into main after C.
HISTORY = [
    node("M", parent="C", merged="X"),
    node("X", "experiment", parent="B", status="draft"),
    node("C", parent="B"),
    node("B", parent="A"),
    node("A"),
]


def test_main_gets_the_first_lane_then_branches_in_the_order_they_started() -> None:
    nodes = [node("z", "zeta", parent="b"), node("y", "alpha", parent="b"), node("b", "b2")]

    assert order_lanes([*nodes, node("a")]) == ("main", "b2", "alpha", "zeta")


def test_each_row_draws_its_node_in_its_branch_lane() -> None:
    graph = layout(HISTORY)

    assert graph.lanes == ("main", "experiment")
    assert len(graph.rows) == 5
    assert f'cx="{SIDE}" cy="50%"' in graph.rows[1]
    assert 'fill="#ffffff"' in graph.rows[1]  # a draft is hollow
    assert all(f'cx="{MAIN}" cy="50%"' in graph.rows[i] for i in (0, 2, 3, 4))


def test_consecutive_versions_on_a_branch_join_across_rows() -> None:
    graph = layout(HISTORY)

    assert line(MAIN, 50, MAIN, 100) in graph.rows[3]  # B down to A
    assert line(MAIN, 0, MAIN, 50) in graph.rows[4]  # A up to B
    assert line(MAIN, 50, MAIN, 100) not in graph.rows[4]  # the root has no parent


def test_a_fork_runs_up_the_new_lane_and_bends_out_of_the_parent_row() -> None:
    graph = layout(HISTORY)

    assert line(SIDE, 50, SIDE, 100) in graph.rows[1]  # X down…
    assert line(SIDE, 0, SIDE, 100) in graph.rows[2]  # …past C…
    assert line(MAIN, 50, SIDE, 0) in graph.rows[3]  # …out of B


def test_a_merge_bends_into_the_merge_row_from_the_merged_lane() -> None:
    graph = layout(HISTORY)

    assert line(MAIN, 50, SIDE, 100) in graph.rows[0]  # from M down to the side lane
    assert line(SIDE, 0, SIDE, 50) in graph.rows[1]  # into X's node


def test_a_parent_older_than_the_rows_shown_runs_to_the_bottom() -> None:
    graph = layout([node("C", parent="B"), node("X", "experiment", parent="old")])

    assert line(MAIN, 50, MAIN, 100) in graph.rows[0]
    assert line(MAIN, 0, MAIN, 100) in graph.rows[1]
    assert line(SIDE, 50, SIDE, 100) in graph.rows[1]
