"""Generator discovery through the ``redraft.generators`` entry-point group."""

from __future__ import annotations

from importlib.metadata import entry_points

from redraft.codegen.base import Generator
from redraft.errors import ConfigError

GROUP = "redraft.generators"


def list_generators() -> list[str]:
    """Names of every installed generator, sorted."""
    return sorted({ep.name for ep in entry_points(group=GROUP)})


def load_generator(name: str = "builtin") -> Generator:
    """An instance of the generator registered as ``name``.

    Raises:
        ConfigError: no generator has that name (the message lists the installed ones), or the
            entry point does not load.
    """
    found = [ep for ep in entry_points(group=GROUP) if ep.name == name]
    if not found:
        available = ", ".join(list_generators()) or "none"
        raise ConfigError(
            f"unknown generator {name!r}; installed: {available}",
            extra={"available": list_generators()},
        )
    try:
        factory = found[0].load()
        generator: Generator = factory()
    except Exception as exc:  # a broken plugin must surface as a configuration problem
        raise ConfigError(f"generator {name!r} ({found[0].value}) failed to load: {exc}") from exc
    return generator
