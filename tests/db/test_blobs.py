from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redraft.db.blobs import DELTA, FULL, BlobStore
from redraft.db.models import Blob
from redraft.errors import NotFound
from tests.db.sample import component_code

CODE = component_code("#1d4ed8")


def stored(session: Session, digest: str) -> Blob:
    return session.get_one(Blob, digest)


def test_identical_text_is_stored_once(session: Session) -> None:
    blobs = BlobStore(session)

    first, second = blobs.put(CODE), blobs.put(CODE)
    session.commit()

    assert first == second == hashlib.sha256(CODE.encode()).hexdigest()
    assert session.scalar(select(func.count()).select_from(Blob)) == 1


def test_text_round_trips_exactly_and_compressed(session: Session) -> None:
    text = "const label = «Speichern» ✓;\r\n\ttrailing space \n" + CODE
    digest = BlobStore(session).put(text)
    session.commit()

    assert BlobStore(session).get(digest) == text
    assert len(stored(session, digest).data) < len(text.encode()) / 2


def test_a_small_change_is_stored_as_a_delta_against_its_base(session: Session) -> None:
    blobs = BlobStore(session)
    base = blobs.put(CODE)
    changed = blobs.put(component_code("#1d4ed9"), base=base)
    session.commit()

    blob = stored(session, changed)
    assert (blob.codec, blob.base_digest) == (DELTA, base)
    assert len(blob.data) < 100
    assert BlobStore(session).get(changed) == component_code("#1d4ed9")


def test_deltas_are_taken_against_full_blobs_so_reads_stay_two_deep(session: Session) -> None:
    blobs = BlobStore(session)
    first = blobs.put(CODE)
    second = blobs.put(component_code("#1d4ed9"), base=first)
    third = blobs.put(component_code("#1d4eda"), base=second)

    assert stored(session, third).base_digest == first
    assert blobs.get_many({third}) == {third: component_code("#1d4eda")}


def test_content_unlike_its_base_is_stored_in_full(session: Session) -> None:
    blobs = BlobStore(session)
    base = blobs.put(CODE)
    unrelated = blobs.put("export const answer = 42;\n" * 40, base=base)

    blob = stored(session, unrelated)
    assert (blob.codec, blob.base_digest) == (FULL, None)


def test_get_many_returns_every_text_and_refuses_missing_ones(session: Session) -> None:
    blobs = BlobStore(session)
    digests = {blobs.put(f"body {n}\n" * 10) for n in range(3)}

    assert set(blobs.get_many(digests).values()) == {f"body {n}\n" * 10 for n in range(3)}
    with pytest.raises(NotFound, match="blobs missing"):
        blobs.get_many({*digests, "0" * 64})


def test_unknown_digests_are_not_found(session: Session) -> None:
    blobs = BlobStore(session)

    with pytest.raises(NotFound, match="is missing"):
        blobs.get("0" * 64)
    with pytest.raises(NotFound, match="base blob"):
        blobs.put(CODE, base="0" * 64)
