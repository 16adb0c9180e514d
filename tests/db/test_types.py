"""The compact column types give back exactly what they were given."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from redraft.db.types import from_microseconds, microseconds, pack_json, unpack_json

SUMMARY = {
    "lines": ["color.brand.primary: #1d4ed8 → #1e40af (and 2 tokens aliasing it)"],
    "api": {"bump": "patch", "findings": [], "needs_review": False},
    "merge": {"code": {"strategy": "line", "clean": True, "notes": [], "conflicts": []}},
    "warnings": [],
    "review": {"action": "accepted", "by": "dana", "at": "2026-01-02T03:04:05+00:00"},
}


def test_packed_json_reads_back_equal_in_the_same_key_order() -> None:
    back = unpack_json(pack_json(SUMMARY))

    assert back == SUMMARY
    assert list(back) == list(SUMMARY)
    assert list(back["review"]) == list(SUMMARY["review"])


def test_a_change_summary_packs_to_a_fraction_of_its_json() -> None:
    packed = pack_json(SUMMARY)

    assert len(packed) < len(str(SUMMARY).encode()) / 3


@pytest.mark.parametrize("value", [{}, [], "", 0, None, ["MINOR: 1 token changed"], {"ü": "→"}])
def test_small_values_round_trip_whatever_form_they_are_stored_in(value: object) -> None:
    assert unpack_json(pack_json(value)) == value


def test_an_unknown_packed_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown packed JSON format 9"):
        unpack_json(b"\x09{}")


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 24, 5, 20, 22, 135480, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ],
)
def test_timestamps_stored_as_microseconds_come_back_exactly(moment: datetime) -> None:
    assert from_microseconds(microseconds(moment)) == moment


def test_timestamps_stored_as_microseconds_keep_their_order() -> None:
    moments = [datetime(2026, 1, 1, 0, 0, 0, n, tzinfo=UTC) for n in (0, 1, 999_999)]

    assert sorted(moments, key=microseconds) == moments
