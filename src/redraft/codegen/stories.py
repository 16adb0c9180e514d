"""Storybook stories (CSF3): a default story, one per variant value and one per state."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from redraft.codegen.api import Member
from redraft.codegen.catalog import Pattern
from redraft.codegen.escape import ts_key, ts_literal, ts_string
from redraft.core.tokens.model import JsonValue
from redraft.spec.requirements import Requirements

# A type that is a string literal or a union led by one: its first member is a valid sample.
_STRING_LITERAL = re.compile(r'^("(?:[^"\\]|\\.)*")(?:\s*\|.*)?$')


@dataclass(frozen=True, slots=True)
class Story:
    """One exported story; ``args`` are ``key: literal`` pairs in output order."""

    name: str
    args: tuple[tuple[str, str], ...]


def default_args(pattern: Pattern, members: Sequence[Member]) -> list[tuple[str, str]]:
    """The meta's args: the pattern's sample values, then samples for other required props."""
    by_name = {m.name: m for m in members}
    # A default the requirements chose beats the pattern's sample value.
    args = [
        (ts_key(name), ts_literal(value, "    "))
        for name, value in pattern.meta.story_args.items()
        if name in by_name and by_name[name].default is None
    ]
    seen = set(pattern.meta.story_args)
    for member in members:
        if member.kind != "prop" or member.optional or member.name in seen:
            continue
        sample = _sample(member)
        if sample is not None:
            args.append((ts_key(member.name), sample))
    return args


def build_stories(requirements: Requirements, pattern: Pattern, component: str) -> list[Story]:
    """``Default``, then ``<Axis><Value>`` per variant value, then ``<State>`` per state."""
    taken = {component, f"{component}Props", "Meta", "StoryObj", "Story", "React"}
    stories = [Story(_unique("Default", taken), ())]
    for axis in sorted(requirements.variants):
        for value in requirements.variants[axis]:
            name = _unique(_pascal(axis) + _pascal(value), taken)
            stories.append(Story(name, ((ts_key(axis), ts_string(value)),)))
    for state in requirements.states:
        if state in pattern.meta.item_states:
            continue
        extra = pattern.meta.state_story_args.get(state, {})
        args = [(ts_key(state), "true")]
        args += [(ts_key(k), ts_literal(v, "    ")) for k, v in extra.items()]
        stories.append(Story(_unique(_pascal(state), taken), tuple(args)))
    return stories


def _pascal(text: str) -> str:
    return "".join(piece[:1].upper() + piece[1:] for piece in text.split("-") if piece)


def _unique(name: str, taken: set[str]) -> str:
    candidate = name if name not in taken else f"{name}Story"
    counter = 2
    while candidate in taken:
        candidate = f"{name}Story{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


def _sample(member: Member) -> str | None:
    if member.default is not None:
        return None
    kind = member.type
    words = re.sub(r"([A-Z])", r" \1", member.name).strip().lower()
    samples: dict[str, JsonValue] = {
        "string": words[:1].upper() + words[1:],
        "React.ReactNode": words[:1].upper() + words[1:],
        "number": 0,
        "boolean": False,
    }
    if kind in samples:
        return ts_literal(samples[kind])
    literal = _STRING_LITERAL.match(kind)
    return literal.group(1) if literal is not None else None
