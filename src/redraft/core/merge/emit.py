"""A merge region's output: stable and one-sided runs as lines, conflicts as hunks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diff3 import Chunk, ChunkKind, refine
from .hunk import Hunk, Piece, indent_of, shift

if TYPE_CHECKING:
    from .structural import Structure, Window


def emit(structure: Structure, windows: list[Window]) -> list[Piece]:
    """The merged body: chunks resolved line by line, windows replaced by their pieces."""
    chunks = structure.chunks
    out: list[Piece] = []
    delta = 0  # the user's indent change at the last stable line, for generated insertions
    index, offset, w = 0, 0, 0
    while index < len(chunks):
        if w < len(windows) and (index, offset) == windows[w].start:
            out.extend(windows[w].pieces)
            (index, offset), w = windows[w].stop, w + 1
            continue
        chunk = chunks[index]
        if chunk.kind is ChunkKind.STABLE:
            size = chunk.b1 - chunk.b0
            end = windows[w].start[1] if w < len(windows) and windows[w].start[0] == index else size
            for x in range(offset, end):
                b, o, t = chunk.b0 + x, chunk.o0 + x, chunk.t0 + x
                out.append(structure.stable_line(b, o, t))
                delta = indent_of(structure.ours.lines[o]) - indent_of(structure.base.lines[b])
            if end < size:
                offset = end
                continue
        else:
            _emit_changed(structure, chunk, delta, out)
        index, offset = index + 1, 0
    return out


def _emit_changed(structure: Structure, chunk: Chunk, delta: int, out: list[Piece]) -> None:
    base, ours, theirs = structure.base, structure.ours, structure.theirs
    if chunk.kind is ChunkKind.THEIRS:
        if chunk.b0 < chunk.b1 and chunk.o0 < chunk.o1:
            delta = indent_of(ours.lines[chunk.o0]) - indent_of(base.lines[chunk.b0])
        out.extend(shift(line, delta) for line in theirs.lines[chunk.t0 : chunk.t1])
    elif chunk.kind is ChunkKind.CONFLICT:
        for part in refine(chunk, base, ours, theirs):
            if part.kind is ChunkKind.CONFLICT:
                out.append(
                    Hunk(
                        tuple(base.lines[part.b0 : part.b1]),
                        tuple(ours.lines[part.o0 : part.o1]),
                        tuple(theirs.lines[part.t0 : part.t1]),
                        part.b0,
                        part.o0,
                        part.t0,
                    )
                )
            else:
                _emit_changed(structure, part, delta, out)
    else:
        out.extend(ours.lines[chunk.o0 : chunk.o1])
