"""The structural layer: conflicts of the line merge that a keyed merge can settle.

For each conflict, the innermost keyed block around it in the base (a JSX tag's attributes, an
object's entries) is merged by key across the three sides, provided the block's opener and closer
lines are unchanged everywhere, so the block is the same block on every side. A conflict among
import lines is merged over the whole run of imports around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .blocks import BlockKind, Item, Items, find_blocks, parse_items
from .diff3 import Chunk, ChunkKind, Side, align, diff3
from .emit import emit
from .hunk import Absorption, Piece, indent_of, shift
from .keyed import KeyedMerge
from .sets import import_key, parse_import

Pos = tuple[int, int]  # (chunk index, line offset inside a stable chunk)

_BLOCK_NAME = re.compile(
    r"(?:export\s+)?(?:const|let|var|interface|type|function)\s+([A-Za-z_$][\w$]*)"
    r"|([A-Za-z_$][\w$]*|\"[^\"]*\"|'[^']*')\s*:\s*\{"
    r"|<([A-Za-z][\w.:-]*)"
)


@dataclass(frozen=True, slots=True)
class Window:
    """A run of chunks replaced by the output of a keyed merge."""

    start: Pos
    stop: Pos
    pieces: list[Piece]
    absorbed: list[Absorption] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Region:
    """The merge of three runs of lines.

    Attributes:
        pieces: merged lines and conflicts.
        absorbed: hand-edited lines the structural layer folded into merged lines.
        structural: whether a keyed merge settled any conflict.
        to_ours: for each base line, its partner among the user's lines, or -1.
    """

    pieces: list[Piece]
    absorbed: list[Absorption]
    structural: bool
    to_ours: list[int]


def merge_region(
    base: Side, ours: Side, theirs: Side, *, structural: bool = True, top_level: bool = True
) -> Region:
    """diff3 of three runs of lines, with the conflicts a keyed merge can settle settled.

    Args:
        structural: False for the plain line merge.
        top_level: whether the lines are a whole file, whose declarations may be merged by name.
    """
    to_ours = align(base, ours)
    chunks = diff3(base, ours, theirs, to_ours, align(base, theirs))
    structure = Structure(chunks, base, ours, theirs, top_level=top_level)
    windows = structure.windows() if structural else []
    pieces = emit(structure, windows)
    absorbed = [fold for window in windows for fold in window.absorbed]
    absorbed += structure.absorbed
    return Region(pieces, absorbed, bool(windows), to_ours)


class Structure:
    """Finds the windows a keyed merge can settle among one diff3's chunks."""

    def __init__(
        self, chunks: list[Chunk], base: Side, ours: Side, theirs: Side, *, top_level: bool
    ) -> None:
        self.chunks = chunks
        self.base, self.ours, self.theirs = base, ours, theirs
        self.top_level = top_level
        self._file_tried = False
        self._file_cache: Window | None = None
        self.absorbed: list[Absorption] = []  # from merges nested in windows' fallbacks
        self.blocks = sorted(find_blocks(base.lines), key=lambda b: b[1] - b[0])
        self.stable = [i for i, c in enumerate(chunks) if c.kind is ChunkKind.STABLE]
        self.stable_starts = [chunks[i].b0 for i in self.stable]

    def windows(self) -> list[Window]:
        """Disjoint windows in text order; an outer block swallows inner windows it contains.

        A conflict gets the innermost block that merges. So does a block the user and the
        generator both changed without conflict: line by line, both adding the same attribute
        at different places would give the element that attribute twice.
        """
        found: list[Window] = []
        for index, chunk in enumerate(self.chunks):
            if chunk.kind not in (ChunkKind.CONFLICT, ChunkKind.OURS):
                continue
            if found and found[-1].start <= (index, 0) < found[-1].stop:
                continue
            if chunk.kind is ChunkKind.CONFLICT:
                window = (
                    self._block_window(index) or self._import_window(index) or self._file_window()
                )
            elif self._inside_block(chunk):
                window = self._block_window(index, innermost=True)
            else:
                window = self._import_window(index)
                if window is None and self._adds_declaration(chunk):
                    window = self._file_window()
            if window is not None and chunk.kind is ChunkKind.OURS:
                window = window if self._generator_changed(window) else None
            if window is None:
                continue
            while found and found[-1].start >= window.start:
                found.pop()
            if found and found[-1].stop > window.start:
                continue
            found.append(window)
        return found

    def coords(self, pos: Pos) -> tuple[int, int, int]:
        """Base, ours and theirs line index of a position."""
        if pos[0] == len(self.chunks):
            return len(self.base.lines), len(self.ours.lines), len(self.theirs.lines)
        chunk = self.chunks[pos[0]]
        return chunk.b0 + pos[1], chunk.o0 + pos[1], chunk.t0 + pos[1]

    def stable_line(self, b: int, o: int, t: int) -> str:
        """A line all three agree on: the generator's text with the user's indent change."""
        base, ours = self.base.lines[b], self.ours.lines[o]
        if base == ours:
            return self.theirs.lines[t]
        return shift(self.theirs.lines[t], indent_of(ours) - indent_of(base))

    def normal(self, pos: Pos) -> Pos:
        """The same position, never at the very end of a chunk (the next chunk's start)."""
        index, offset = pos
        if (
            index < len(self.chunks)
            and offset
            and offset >= self.chunks[index].b1 - self.chunks[index].b0
        ):
            return index + 1, 0
        return pos

    def _locate(self, line: int) -> Pos | None:
        """Where base line ``line`` sits if it is in a stable chunk."""
        at = bisect.bisect_right(self.stable_starts, line) - 1
        if at < 0:
            return None
        chunk = self.chunks[self.stable[at]]
        return (self.stable[at], line - chunk.b0) if line < chunk.b1 else None

    def _inside_block(self, chunk: Chunk) -> bool:
        return any(opener < chunk.b0 and chunk.b1 <= closer for opener, closer, _ in self.blocks)

    def _generator_changed(self, window: Window) -> bool:
        last = window.stop[0] + (1 if window.stop[1] else 0)
        mine = (ChunkKind.STABLE, ChunkKind.OURS)
        return any(
            self.chunks[i].kind not in mine
            for i in range(window.start[0], min(last, len(self.chunks)))
        )

    def _block_window(self, index: int, *, innermost: bool = False) -> Window | None:
        chunk = self.chunks[index]
        for opener, closer, kind in self.blocks:
            if not (opener < chunk.b0 and chunk.b1 <= closer):
                continue
            start, stop = self._locate(opener), self._locate(closer)
            window = None
            if start is not None and stop is not None:
                window = self._merge_block(kind, start, (stop[0], stop[1] + 1))
            if window is not None or innermost:
                return window
        return None

    def _merge_block(self, kind: BlockKind, start: Pos, stop: Pos) -> Window | None:
        b0, o0, t0 = self.coords(start)
        b1, o1, t1 = (x - 1 for x in self.coords(stop))
        parsed = [
            parse_items(side.lines[first + 1 : last], first + 1, kind)
            for side, first, last in (
                (self.base, b0, b1),
                (self.ours, o0, o1),
                (self.theirs, t0, t1),
            )
        ]
        base, ours, theirs = parsed
        if base is None or ours is None or theirs is None:
            return None
        merge = KeyedMerge(
            kind,
            shift=indent_of(self.ours.lines[o0]) - indent_of(self.theirs.lines[t0]),
            ends=(b1, o1, t1),
            path=_block_name(self.base.lines[b0]),
            fallback=self._submerge,
        )
        pieces = merge.merge(base, ours, theirs)
        if pieces is None:
            return None
        opener, closer = self.stable_line(b0, o0, t0), self.stable_line(b1, o1, t1)
        pieces = [opener, *pieces, closer]
        return Window(self.normal(start), self.normal(stop), pieces, merge.absorbed)

    def _adds_declaration(self, chunk: Chunk) -> bool:
        """Whether the user added a top-level statement here (one the generator may add too)."""
        return any(
            line[:1].strip() and line[0] not in "}])/*"
            for line in self.ours.lines[chunk.o0 : chunk.o1]
        )

    def _file_window(self) -> Window | None:
        """The whole file as top-level statements merged by name (both added a story)."""
        if not self.top_level:
            return None
        if self._file_tried:
            return self._file_cache
        self._file_tried = True
        self._file_cache = self._merge_file()
        return self._file_cache

    def _merge_file(self) -> Window | None:
        sides = (self.base, self.ours, self.theirs)
        parsed = [parse_items(side.lines, 0, BlockKind.TOP) for side in sides]
        base, ours, theirs = parsed
        if base is None or ours is None or theirs is None:
            return None
        ends = (len(self.base.lines), len(self.ours.lines), len(self.theirs.lines))
        merge = KeyedMerge(BlockKind.TOP, shift=0, ends=ends, fallback=self._submerge)
        pieces = merge.merge(base, ours, theirs)
        if pieces is None:
            return None
        return Window((0, 0), (len(self.chunks), 0), pieces, merge.absorbed)

    def _submerge(self, base: Item | None, ours: Item, theirs: Item) -> list[Piece]:
        """One item both sides changed, merged like a small file of its own."""
        region = merge_region(
            Side.of(base.lines if base else ()),
            Side.of(ours.lines),
            Side.of(theirs.lines),
            top_level=False,
        )
        self.absorbed.extend(region.absorbed)
        at = (base.at if base else ours.at, ours.at, theirs.at)
        return [
            piece
            if isinstance(piece, str)
            else replace(
                piece,
                base_at=piece.base_at + at[0],
                ours_at=piece.ours_at + at[1],
                theirs_at=piece.theirs_at + at[2],
            )
            for piece in region.pieces
        ]

    def _import_window(self, index: int) -> Window | None:
        if not self._all_imports(self.chunks[index]):
            return None
        start: Pos = (index, 0)
        for i in range(index - 1, -1, -1):
            chunk = self.chunks[i]
            if chunk.kind is ChunkKind.STABLE:
                lines = self.base.lines[chunk.b0 : chunk.b1]
                kept = len(lines) - _import_run(list(reversed(lines)))
                start = (i, kept)
                if kept:
                    break
            elif self._all_imports(chunk):
                start = (i, 0)
            else:
                break
        stop: Pos = (index + 1, 0)
        for i in range(index + 1, len(self.chunks)):
            chunk = self.chunks[i]
            if chunk.kind is ChunkKind.STABLE:
                run = _import_run(self.base.lines[chunk.b0 : chunk.b1])
                stop = (i, run) if run < chunk.b1 - chunk.b0 else (i + 1, 0)
                if stop[0] == i:
                    break
            elif self._all_imports(chunk):
                stop = (i + 1, 0)
            else:
                break
        return self._merge_imports(start, stop)

    def _merge_imports(self, start: Pos, stop: Pos) -> Window | None:
        first, last = self.coords(start), self.coords(stop)
        sides = (self.base, self.ours, self.theirs)
        parsed = [
            Items(
                tuple(
                    Item(import_key(side.lines[i]), (), (side.lines[i],), i)
                    for i in range(first[n], last[n])
                ),
                (),
                0,
            )
            for n, side in enumerate(sides)
        ]
        if any(len({i.key for i in p.items}) != len(p.items) for p in parsed):
            return None
        merge = KeyedMerge(BlockKind.IMPORTS, shift=0, ends=last)
        pieces = merge.merge(*parsed)
        if pieces is None:
            return None
        return Window(self.normal(start), self.normal(stop), pieces, merge.absorbed)

    def _all_imports(self, chunk: Chunk) -> bool:
        lines = [
            *self.base.lines[chunk.b0 : chunk.b1],
            *self.ours.lines[chunk.o0 : chunk.o1],
            *self.theirs.lines[chunk.t0 : chunk.t1],
        ]
        return bool(lines) and _import_run(lines) == len(lines)


def _import_run(lines: Sequence[str]) -> int:
    """How many lines from the start are one-line imports."""
    count = 0
    for line in lines:
        if parse_import(line) is None:
            break
        count += 1
    return count


def _block_name(opener: str) -> tuple[str, ...]:
    match = _BLOCK_NAME.search(opener)
    if match is None:
        return ()
    if match.group(3):
        return (f"<{match.group(3)}>",)
    return ((match.group(1) or match.group(2)).strip("\"'"),)
