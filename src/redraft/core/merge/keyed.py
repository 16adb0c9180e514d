"""Three-way merge of keyed items: every key is decided on its own, conflicts are per key.

Order: the generator's order, with each item only the user has placed right after the item
that precedes it in the user's code. Reordering alone is not an edit worth a conflict.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .blocks import BlockKind, Item, Items, opener_kind, parse_items
from .hunk import Absorption, Hunk, Piece, shift
from .sets import merge_class_name, merge_import

_EMPTY = Items((), (), 0)

# Merges one item both sides changed, line by line, when no keyed rule settles it.
Fallback = Callable[[Item | None, Item, Item], list[Piece]]


@dataclass(slots=True)
class KeyedMerge:
    """One block's merge settings and what it collected.

    Attributes:
        kind: what the items are.
        shift: indent added to lines taken from the generated side (the user may have
            wrapped the block one level deeper).
        ends: per side (base, ours, theirs), the line where an absent item is reported.
        path: the enclosing keys, for naming conflicts (``styles``, ``root``).
        absorbed: hand-edited lines folded into merged lines, for the guard.
        fallback: merges a multi-line item both sides changed when no keyed rule applies,
            so that a conflict covers the lines that clash rather than the whole item.
    """

    kind: BlockKind
    shift: int
    ends: tuple[int, int, int]
    path: tuple[str, ...] = ()
    absorbed: list[Absorption] = field(default_factory=list)
    fallback: Fallback | None = None
    _sides: tuple[dict[str, Item], ...] = field(default=(), init=False, repr=False)

    def merge(self, base: Items, ours: Items, theirs: Items) -> list[Piece] | None:
        """Merge the items of one block; None when its anonymous items differ between sides.

        An anonymous item (a spread) has no name to follow through an edit; merged by key, an
        edited spread next to one the generator edited would keep both. The line merge
        handles such blocks.
        """
        anonymous = [{i.key for i in side.items if i.anonymous} for side in (base, ours, theirs)]
        if not anonymous[0] == anonymous[1] == anonymous[2]:
            return None
        b = {item.key: item for item in base.items}
        o = {item.key: item for item in ours.items}
        t = {item.key: item for item in theirs.items}
        self._sides = (b, o, t)
        decided: dict[str, list[Piece]] = {}
        for key in [
            *t,
            *(k for k in o if k not in t),
            *(k for k in b if k not in o and k not in t),
        ]:
            pieces = self._decide(key, b.get(key), o.get(key), t.get(key))
            if pieces:
                decided[key] = pieces
        out: list[Piece] = []
        for key in _order(list(b), list(o), list(t), decided):
            out.extend(decided[key])
        tail = _pick(base.tail, ours.tail, theirs.tail)
        if tail is None:
            # The trailing comments sit right above each side's closer.
            b_at, o_at, t_at = (
                end - len(side.tail)
                for end, side in zip(self.ends, (base, ours, theirs), strict=True)
            )
            label = self._label("(end)")
            out.append(Hunk(base.tail, ours.tail, theirs.tail, b_at, o_at, t_at, key=label))
        else:
            out.extend(self._own(tail, theirs.tail))
        return out

    def _decide(self, key: str, b: Item | None, o: Item | None, t: Item | None) -> list[Piece]:
        if o is None:
            if t is None:
                return []
            if b is None:
                return self._theirs(t.lines)
            return [] if _same(t.lines, b.lines) else [self._hunk(key, b, o, t)]
        if t is None:
            return [] if b is not None and _same(o.lines, b.lines) else self._hunk_or(key, b, o)
        lead = _pick(b.lead if b else (), o.lead, t.lead)
        body = self._body(key, b, o, t)
        if lead is None or body is None:
            if self.fallback is not None and max(len(o.lines), len(t.lines)) > 1:
                return self.fallback(b, o, t)
            return [self._hunk(key, b, o, t)]
        return [*self._own(lead, t.lead), *body]

    def _hunk_or(self, key: str, b: Item | None, o: Item) -> list[Piece]:
        # Only the user has it: added by them, or changed by them and dropped by the generator.
        return list(o.lines) if b is None else [self._hunk(key, b, o, None)]

    def _body(self, key: str, b: Item | None, o: Item, t: Item) -> list[Piece] | None:
        base = b.body if b is not None else None
        picked = _pick(base if base is not None else (), o.body, t.body)
        if picked is not None:
            return self._own(picked, t.body)
        if len(o.body) == 1 and len(t.body) == 1 and (base is None or len(base) == 1):
            merged = self._merge_line(key, base[0] if base else None, o.body[0], t.body[0])
            if merged is not None:
                self.absorbed.append(Absorption(base[0] if base else "", o.body[0], merged))
                return [merged]
        return self._nested(key, b, o, t)

    def _merge_line(self, key: str, base: str | None, ours: str, theirs: str) -> str | None:
        if self.kind is BlockKind.ATTRS and key == "className":
            return merge_class_name(base, ours, shift(theirs, self.shift))
        if self.kind is BlockKind.IMPORTS or (
            self.kind is BlockKind.TOP and ours.startswith("import ")
        ):
            return merge_import(base, ours, theirs)
        return None

    def _nested(self, key: str, b: Item | None, o: Item, t: Item) -> list[Piece] | None:
        """Both changed an entry whose value is an object: merge its entries by key."""
        sides = [o, t] if b is None else [b, o, t]
        if any(len(s.body) < 2 for s in sides):
            return None
        if any(opener_kind(s.body[0]) is not BlockKind.ENTRIES for s in sides):
            return None
        if len({s.body[0].strip() for s in sides}) != 1:
            return None
        if any(not s.body[-1].strip().startswith("}") for s in sides):
            return None
        inner = [
            parse_items(s.body[1:-1], s.at + len(s.lead) + 1, BlockKind.ENTRIES) for s in sides
        ]
        if any(i is None for i in inner):
            return None
        parsed = [i for i in inner if i is not None]
        base_items, ours_items, theirs_items = [_EMPTY, *parsed] if b is None else parsed
        theirs_closer = (t.body[-1],)
        closer = _pick((b.body[-1],) if b else (), (o.body[-1],), theirs_closer) or (o.body[-1],)
        nested = KeyedMerge(
            BlockKind.ENTRIES,
            self.shift,
            (
                b.at + len(b.lines) - 1 if b else self.ends[0],
                o.at + len(o.lines) - 1,
                t.at + len(t.lines) - 1,
            ),
            (*self.path, key),
            self.absorbed,
            self.fallback,
        )
        pieces = nested.merge(base_items, ours_items, theirs_items)
        if pieces is None:
            return None
        return [o.body[0], *pieces, *self._own(closer, theirs_closer)]

    def _hunk(self, key: str, b: Item | None, o: Item | None, t: Item | None) -> Hunk:
        return Hunk(
            b.lines if b else (),
            o.lines if o else (),
            t.lines if t else (),
            b.at if b else self._where(0, key),
            o.at if o else self._where(1, key),
            t.at if t else self._where(2, key),
            key=self._label(key),
        )

    def _where(self, side: int, key: str) -> int:
        """Where an item a side lacks would sit there: after its nearest kept predecessor."""
        items = self._sides[side]
        reference = next(keys for keys in self._sides if key in keys)
        order = list(reference)
        for previous in reversed(order[: order.index(key)]):
            if previous in items:
                return items[previous].at + len(items[previous].lines)
        first = next(iter(items.values()), None)
        return first.at if first is not None else self.ends[side]

    def _label(self, key: str) -> str:
        where = f" in {'.'.join(self.path)}" if self.path else ""
        return f"{self.kind.value} {key}{where}"

    def _theirs(self, lines: Sequence[str]) -> list[Piece]:
        return [shift(line, self.shift) for line in lines]

    def _own(self, picked: Sequence[str], theirs: Sequence[str]) -> list[Piece]:
        """``picked`` as output lines, re-indented if they are the generator's."""
        return self._theirs(picked) if picked is theirs else list(picked)


def _keys(lines: Sequence[str]) -> list[str]:
    return [line.strip() for line in lines]


def _same(a: Sequence[str], b: Sequence[str]) -> bool:
    return _keys(a) == _keys(b)


def _pick(
    base: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]
) -> tuple[str, ...] | None:
    """Plain three-way choice between whole values; None when both changed differently."""
    if _same(ours, base):
        return theirs
    if _same(theirs, base) or _same(ours, theirs):
        return ours
    return None


def _order(
    base: list[str], ours: list[str], theirs: list[str], kept: dict[str, list[Piece]]
) -> list[str]:
    order = [key for key in theirs if key in kept]
    placed = set(order)
    generated_new = set(theirs) - set(base) - set(ours)
    for index, key in enumerate(ours):
        if key not in kept or key in placed:
            continue
        at = 0
        for previous in reversed(ours[:index]):
            if previous in placed:
                at = order.index(previous) + 1
                break
        # What both sides added after the same item: the generator's first, then the user's.
        while at < len(order) and order[at] in generated_new:
            at += 1
        order.insert(at, key)
        placed.add(key)
    order += [key for key in kept if key not in placed]
    return order
