"""The one error hierarchy. No HTTP codes here: web/problems.py and the CLI map each class."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class RedraftError(Exception):
    """Base of every expected error. `detail` is for people; `extra` is for machines."""

    title = "Error"

    def __init__(self, detail: str, *, extra: Mapping[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra: dict[str, Any] = dict(extra or {})


class InvalidInput(RedraftError):
    """The caller sent something malformed or inconsistent."""

    title = "Invalid input"

    def __init__(
        self,
        detail: str,
        *,
        errors: Sequence[Mapping[str, Any]] = (),
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        merged = dict(extra or {})
        if errors:
            merged["errors"] = [dict(e) for e in errors]
        super().__init__(detail, extra=merged)
        self.errors = [dict(e) for e in errors]


class TokenError(InvalidInput):
    """A token set cannot be parsed or resolved."""

    title = "Invalid token set"


class AliasCycle(TokenError):
    """Aliases refer to each other in a loop; `chain` names the loop."""

    title = "Token alias cycle"

    def __init__(self, chain: Sequence[str]) -> None:
        self.chain = list(chain)
        super().__init__("alias cycle: " + " -> ".join(self.chain), extra={"chain": self.chain})


class DanglingAlias(TokenError):
    """An alias names a token that does not exist; `chain` leads to the missing path."""

    title = "Dangling token alias"

    def __init__(self, chain: Sequence[str], missing: str) -> None:
        self.chain = list(chain)
        self.missing = missing
        super().__init__(
            f"alias to missing token {missing!r}: " + " -> ".join([*self.chain, missing]),
            extra={"chain": self.chain, "missing": missing},
        )


class NothingChanged(InvalidInput):
    """A write that would store nothing new (e.g. an edit identical to the current code)."""

    title = "Nothing changed"


class RequirementsError(InvalidInput):
    """Component requirements do not validate."""

    title = "Invalid requirements"


class UnknownPattern(InvalidInput):
    """No generator offers the requested pattern (or version)."""

    title = "Unknown pattern"


class GenerationError(RedraftError):
    """The generator could not render the inputs."""

    title = "Generation failed"


class NotFound(RedraftError):
    title = "Not found"


class Conflict(RedraftError):
    """The request clashes with the current state (duplicate name, moved current version, …)."""

    title = "Conflict"


class PayloadTooLarge(InvalidInput):
    title = "Payload too large"


class Unauthenticated(RedraftError):
    title = "Authentication required"


class Forbidden(RedraftError):
    title = "Forbidden"


class ConfigError(RedraftError):
    title = "Configuration error"


class Unavailable(RedraftError):
    """A service redraft depends on (the database) is not answering; trying again later may
    work. `retry_after` is a hint in seconds."""

    title = "Service unavailable"

    def __init__(
        self, detail: str, *, retry_after: int = 5, extra: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(detail, extra=extra)
        self.retry_after = retry_after
