"""The compare page's rows: `core.diff`'s one chunk model, shown unified or side by side.

Every code cell is HTML built here (highlighted, intra-line marks applied) so templates only
lay rows out. Only the chosen view is built: a 3,000-line compare renders half the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from redraft.core.diff import Fold, Hunk, Line, TextDiff, split_rows
from redraft.web.ui.highlight import Lines, line_html

View = Literal["unified", "split"]
VIEWS: tuple[View, ...] = ("unified", "split")


@dataclass(frozen=True, slots=True)
class Cell:
    """One side of one code line; `kind` is context, added or removed."""

    kind: str
    old_no: int | None
    new_no: int | None
    html: Markup
    paired: bool = False
    whitespace_only: bool = False
    moved: bool = False

    @property
    def css(self) -> str:
        classes = [self.kind]
        if self.paired:
            classes.append("paired")
        if self.whitespace_only:
            classes.append("ws-only")
        if self.moved:
            classes.append("moved")
        return " ".join(classes)

    @property
    def sign(self) -> str:
        return {"added": "+", "removed": "\N{MINUS SIGN}"}.get(self.kind, "")

    @property
    def spoken(self) -> str:
        """What the +/- gutter means, for screen readers (colour and sign are visual)."""
        if self.kind == "context":
            return ""
        if self.whitespace_only:
            return "whitespace changed"
        return "moved" if self.moved else self.kind


@dataclass(frozen=True, slots=True)
class SplitCells:
    left: Cell | None
    right: Cell | None


@dataclass(frozen=True, slots=True)
class HunkView:
    header: str
    rows: tuple[Cell, ...] = ()
    split: tuple[SplitCells, ...] = ()


@dataclass(frozen=True, slots=True)
class FoldView:
    key: str
    count: int
    symbol: str | None
    old_start: int
    new_start: int
    rows: tuple[Cell, ...] | None = None

    @property
    def split(self) -> tuple[SplitCells, ...]:
        return tuple(SplitCells(row, row) for row in self.rows or ())


@dataclass(frozen=True, slots=True)
class FileDiffView:
    """One file of the compare page (the component code, or its stories)."""

    key: str
    filename: str
    diff: TextDiff
    blocks: tuple[HunkView | FoldView, ...]


class _Cells:
    """Builds cells from diff lines, taking highlighted segments from the right version."""

    def __init__(self, old: Lines, new: Lines) -> None:
        self.old, self.new = old, new

    def cell(self, line: Line) -> Cell:
        if line.kind == "removed":
            number = line.old_no
            source = self.old
        else:
            number = line.new_no
            source = self.new
        assert number is not None
        segments = source[number - 1] if number - 1 < len(source) else ()
        # Whitespace-only pairs are shown quietly: no intra-line marks on invisible changes.
        changes = () if line.whitespace_only else line.changes
        return Cell(
            kind=line.kind,
            old_no=line.old_no,
            new_no=line.new_no,
            html=line_html(segments, line.text, changes),
            paired=line.paired,
            whitespace_only=line.whitespace_only,
            moved=line.move_id is not None,
        )


def build_file_view(
    *,
    key: str,
    filename: str,
    diff: TextDiff,
    old: Lines,
    new: Lines,
    view: View,
    expanded: frozenset[str],
) -> FileDiffView:
    """Rows for one file; folds whose key is in `expanded` (or `"all"`) carry their lines."""
    cells = _Cells(old, new)
    blocks: list[HunkView | FoldView] = []
    folds = 0
    for block in diff.blocks:
        if isinstance(block, Hunk):
            blocks.append(_hunk(block, cells, view))
            continue
        fold_key = f"{key}-fold-{folds}"
        folds += 1
        blocks.append(_fold(block, fold_key, diff, cells, open_=_opens(fold_key, expanded)))
    return FileDiffView(key=key, filename=filename, diff=diff, blocks=tuple(blocks))


def _opens(fold_key: str, expanded: frozenset[str]) -> bool:
    return "all" in expanded or fold_key in expanded


def _hunk(hunk: Hunk, cells: _Cells, view: View) -> HunkView:
    if view == "unified":
        return HunkView(hunk.header, rows=tuple(cells.cell(line) for line in hunk.lines))
    split = tuple(
        SplitCells(
            cells.cell(row.left) if row.left is not None else None,
            cells.cell(row.right) if row.right is not None else None,
        )
        for row in split_rows(hunk)
    )
    return HunkView(hunk.header, split=split)


def _fold(fold: Fold, key: str, diff: TextDiff, cells: _Cells, *, open_: bool) -> FoldView:
    rows = tuple(cells.cell(line) for line in diff.expand(fold)) if open_ else None
    return FoldView(key, fold.count, fold.symbol, fold.old_start, fold.new_start, rows)
