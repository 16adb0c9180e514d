"""How versions and components read on the pages: states, one-line summaries, times, URLs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from redraft.db.models import ComponentVersion
from redraft.features.regeneration.service import open_conflicts

STATE_LABELS = {
    "conflicts": "Conflicts",
    "draft": "Draft waiting",
    "customized": "Customized",
    "current": "Up to date",
    "empty": "No version",
}


def when(moment: datetime | None) -> Markup:
    """A `<time>` element in UTC, minutes precision; machines get the full ISO stamp."""
    if moment is None:
        return Markup("—")
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    iso = moment.isoformat(timespec="seconds")
    return Markup('<time datetime="{}">{}</time>').format(iso, moment.strftime("%Y-%m-%d %H:%M"))


def summary_line(version: ComponentVersion) -> str:
    """Why the version exists, in one line: its first bump reason, else its reason or trigger."""
    if version.bump_reasons:
        return str(version.bump_reasons[0])
    return version.reason or version.trigger


def conflicts_of(version: ComponentVersion) -> list[str]:
    """A draft's unresolved merge conflicts, one line each (the regeneration service's record)."""
    return [_describe_conflict(item) for item in open_conflicts(version)]


@dataclass(frozen=True, slots=True)
class ConflictView:
    """One open conflict as the review form shows it: the three sides and what to post back."""

    file: str  # "code" or "stories", the form's `file` field
    index: int  # the merge's conflict index, the form's `index` field
    title: str
    base: str
    ours: str
    theirs: str

    @property
    def key(self) -> str:
        return f"{self.file}-conflict-{self.index}"


def conflict_views(version: ComponentVersion) -> list[ConflictView]:
    """A draft's open conflicts with their texts (base, yours, generated), in file order."""
    views = []
    for item in open_conflicts(version):
        index = item.get("index")
        if not isinstance(index, int) or isinstance(index, bool):
            continue  # not one the resolve form could name
        views.append(
            ConflictView(
                file=str(item.get("file", "code")),
                index=index,
                title=_describe_conflict(item),
                base=_side(item.get("base")),
                ours=_side(item.get("ours")),
                theirs=_side(item.get("theirs")),
            )
        )
    return views


def _side(text: Any) -> str:
    # Each side's lines end with a newline; a <pre> would show it as an empty last line.
    return str(text).removesuffix("\n") if text else ""


def _describe_conflict(item: Mapping[str, Any]) -> str:
    number = item.get("index")
    text = f"{item.get('file', 'code')}: conflict"
    if isinstance(number, int):
        text += f" {number + 1}"
    if item.get("key"):
        text += f" on {item['key']}"
    lines = item.get("merged_lines")
    if isinstance(lines, list) and len(lines) == 2 and all(isinstance(n, int) for n in lines):
        text += f" (lines {lines[0] + 1}\N{EN DASH}{lines[1]})"
    return text


def warnings_of(version: ComponentVersion) -> list[str]:
    found = (version.change_summary or {}).get("warnings")
    if isinstance(found, Sequence) and not isinstance(found, str):
        return [_describe(item) for item in found]
    return [_describe(found)] if found else []


def _describe(item: Any) -> str:
    if isinstance(item, Mapping):
        for key in ("message", "summary", "detail", "reason"):
            if item.get(key):
                return str(item[key])
    return str(item)


def component_state(current: ComponentVersion | None, drafts: Iterable[ComponentVersion]) -> str:
    drafts = list(drafts)
    if any(conflicts_of(draft) for draft in drafts):
        return "conflicts"
    if drafts:
        return "draft"
    if current is None:
        return "empty"
    return "customized" if current.customized else "current"


def compare_url(
    old: str,
    new: str,
    *,
    view: str | None = None,
    ws: str | None = None,
    expand: Iterable[str] = (),
) -> str:
    params: list[tuple[str, str]] = [("from", old), ("to", new)]
    if view:
        params.append(("view", view))
    if ws:
        params.append(("ws", ws))
    params += [("expand", key) for key in expand]
    return "/compare?" + urlencode(params)


def sentence(text: str) -> str:
    """A service's message (`"rolling X back … version"`) as a sentence for a page."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def short_hash(value: str) -> str:
    return value[:10]
