"""The signed session cookie: round trip, tampering, expiry, and where its secret comes from."""

from __future__ import annotations

from pydantic import SecretStr

from redraft.web.ui.session import CookieSigner, SessionData, anonymous_session, secret_from

NOW = 1_750_000_000


def signed_in() -> SessionData:
    return anonymous_session(now=NOW).signed_in("user-1", "argon2-hash", now=NOW)


def test_a_session_survives_the_round_trip() -> None:
    signer = CookieSigner(b"k" * 32)
    data = signed_in()

    assert signer.loads(signer.dumps(data), now=NOW + 60) == data


def test_signing_in_replaces_the_csrf_token() -> None:
    anonymous = anonymous_session(now=NOW)

    assert anonymous.signed_in("u", None, now=NOW).csrf != anonymous.csrf


def test_another_key_or_an_edited_payload_is_rejected() -> None:
    value = CookieSigner(b"k" * 32).dumps(signed_in())
    payload, _, signature = value.partition(".")
    edited = payload[:-1] + ("B" if payload.endswith("A") else "A")

    assert CookieSigner(b"other key").loads(value, now=NOW) is None
    assert CookieSigner(b"k" * 32).loads(f"{edited}.{signature}", now=NOW) is None
    assert CookieSigner(b"k" * 32).loads("garbage", now=NOW) is None


def test_a_session_expires_after_its_maximum_age() -> None:
    signer = CookieSigner(b"k" * 32, max_age=3600)
    value = signer.dumps(signed_in())

    assert signer.loads(value, now=NOW + 3600) is not None
    assert signer.loads(value, now=NOW + 3601) is None


def test_the_secret_comes_from_settings_or_is_made_per_process() -> None:
    assert secret_from(SecretStr("from-env")) == b"from-env"
    made = secret_from(None)
    assert len(made) == 32
    assert made != secret_from(None)
    assert len(secret_from(SecretStr(""))) == 32
