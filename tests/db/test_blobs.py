from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redraft.db.blobs import DELTA, FULL, BlobStore
from redraft.db.models import Blob
from redraft.errors import NotFound
from tests.db.rows import stored_blob
from tests.db.sample import component_code

CODE = component_code("#1d4ed8")


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
    assert len(stored_blob(session, digest)[0].data) < len(text.encode()) / 2


def test_a_small_change_is_stored_as_a_delta_against_its_base(session: Session) -> None:
    blobs = BlobStore(session)
    base = blobs.put(CODE)
    changed = blobs.put(component_code("#1d4ed9"), base=base)
    session.commit()

    blob, base_digest = stored_blob(session, changed)
    assert (blob.codec, base_digest, blob.depth) == (DELTA, base, 1)
    assert len(blob.data) < 100
    assert BlobStore(session).get(changed) == component_code("#1d4ed9")


def test_the_nth_delta_of_a_line_is_taken_against_its_ancestor_n_without_its_lowest_bit(
    session: Session,
) -> None:
    # Skip-deltas: a line of 40 versions, each body put against the one before it.
    texts = [component_code(f"#1d4e{n:02x}") for n in range(40)]
    blobs = BlobStore(session)
    digests = [blobs.put(texts[0])]
    for text in texts[1:]:
        digests.append(blobs.put(text, base=digests[-1]))
    session.commit()

    for n, digest in enumerate(digests):
        blob, base = stored_blob(session, digest)
        assert blob.depth == n
        assert base == (digests[n & (n - 1)] if n else None)
    # Read afresh: every body comes back, each through at most log2(40) deltas.
    assert BlobStore(session).get_many(set(digests)) == dict(zip(digests, texts, strict=True))
    deepest = max(bin(n).count("1") for n in range(40))
    assert deepest == 5


def test_content_unlike_its_base_is_stored_in_full(session: Session) -> None:
    blobs = BlobStore(session)
    base = blobs.put(CODE)
    unrelated = blobs.put("export const answer = 42;\n" * 40, base=base)

    blob, base_digest = stored_blob(session, unrelated)
    assert (blob.codec, base_digest, blob.depth) == (FULL, None, 0)


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
