"""What a blob store remembers within a transaction, and what it forgets after it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from redraft.db.blobs import DELTA, BlobStore
from redraft.db.models import Blob
from redraft.errors import NotFound
from tests.db.rows import add_component, add_version, stored_blob
from tests.db.sample import component_code

CODE = component_code("#1d4ed8")
NEXT = component_code("#1e40af")


def test_a_blob_read_in_a_rolled_back_transaction_is_not_taken_for_stored(
    session: Session,
) -> None:
    blobs = BlobStore(session)
    base = blobs.put(CODE)
    assert blobs.get(base) == CODE  # read back: remembered for this transaction
    session.rollback()

    with pytest.raises(NotFound, match="base blob"):
        BlobStore(session).put(NEXT, base=base)


def test_a_delta_taken_in_a_later_transaction_reads_its_base_again(session: Session) -> None:
    base = BlobStore(session).put(CODE)
    session.commit()
    BlobStore(session).get(base)
    session.commit()

    digest = BlobStore(session).put(NEXT, base=base)
    session.commit()

    row, base_digest = stored_blob(session, digest)
    assert (row.codec, base_digest) == (DELTA, base)
    assert BlobStore(session).get(digest) == NEXT


def test_a_body_equal_to_its_base_needs_no_new_row(session: Session) -> None:
    blobs = BlobStore(session)
    base = blobs.put(CODE)
    session.commit()

    again, other = BlobStore(session).put_many([(CODE, base), (NEXT, base)])
    session.commit()

    assert again == base
    assert BlobStore(session).get_many({again, other}) == {base: CODE, other: NEXT}


def test_a_second_delta_is_taken_against_the_full_blob_under_both(session: Session) -> None:
    first = BlobStore(session).put(CODE)
    second = BlobStore(session).put(NEXT, base=first)
    session.commit()

    third = BlobStore(session).put(NEXT + "// one more line\n", base=second)
    session.commit()

    assert stored_blob(session, third)[1] == first
    assert BlobStore(session).get(third) == NEXT + "// one more line\n"


def test_a_version_references_a_body_another_transaction_stored_without_a_second_row(
    session: Session,
) -> None:
    BlobStore(session).put(CODE)
    session.commit()

    component = add_component(session)
    version = add_version(session, component, code=CODE)
    session.commit()

    assert BlobStore(session).get(version.code_blob) == CODE
    assert (
        session.scalar(
            select(func.count()).select_from(Blob).where(Blob.digest == version.code_blob)
        )
        == 1
    )
