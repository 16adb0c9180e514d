import pytest

from redraft.codegen.builtin import BuiltinGenerator
from redraft.codegen.registry import list_generators, load_generator
from redraft.errors import ConfigError


def test_the_builtin_generator_is_found_through_its_entry_point() -> None:
    assert "builtin" in list_generators()
    generator = load_generator()
    assert isinstance(generator, BuiltinGenerator)
    assert generator.name == "builtin"
    assert generator.version == __import__("redraft").__version__


def test_an_unknown_generator_names_the_installed_ones() -> None:
    with pytest.raises(ConfigError) as caught:
        load_generator("handlebars")
    assert "handlebars" in caught.value.detail
    assert "builtin" in caught.value.detail
    assert "builtin" in caught.value.extra["available"]
