import pytest

from redraft.core.tstype import check_type
from redraft.errors import InvalidInput


@pytest.mark.parametrize(
    "text",
    [
        "string",
        "'sm' | 'md' | 'lg'",
        '"primary"',
        "number | undefined",
        "React.ReactNode",
        "string[]",
        "Array<number>",
        "Record<string, boolean>",
        "[number, string]",
        "(value: string, event?: React.ChangeEvent<HTMLInputElement>) => void",
        "() => Promise<void>",
        "(string | number)[]",
        "| 'a' | 'b'",
    ],
)
def test_accepts_the_types_props_use(text: str) -> None:
    assert check_type(f"  {text} ") == text


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Foo", "unknown type name 'Foo'"),
        ("string; alert(1)", "unexpected"),
        ("string |", "type expected"),
        ("() =>", "type expected"),
        ("", "empty"),
        ("Array<string", "expected '>'"),
        ("`${string}`", "unexpected"),
        ("window.alert", "unknown type name"),
    ],
)
def test_rejects_anything_else_with_the_reason(text: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why):
        check_type(text)


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(InvalidInput, match="nested too deeply"):
        check_type("(" * 40 + "string" + ")" * 40)
