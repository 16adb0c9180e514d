import pytest

from redraft.core.tsprops.typecompare import Relation, relate

EQUAL, WIDENED, NARROWED = Relation.EQUAL, Relation.WIDENED, Relation.NARROWED
INCOMPATIBLE, UNDECIDABLE = Relation.INCOMPATIBLE, Relation.UNDECIDABLE


@pytest.mark.parametrize(
    ("old", "new", "relation"),
    [
        ("'sm' | 'md'", "'sm' | 'md' | 'lg'", WIDENED),
        ("'sm' | 'md' | 'lg'", "'sm' | 'md'", NARROWED),
        ("'sm' | 'md'", "'md' | 'lg'", INCOMPATIBLE),
        ('"md" | "sm"', "'sm' | 'md'", EQUAL),
        ("'a' | 'b'", "string", WIDENED),
        ("string", "'a' | 'b'", NARROWED),
        ("number", "string", INCOMPATIBLE),
        ("string | undefined", "string", NARROWED),
        ("boolean", "true", NARROWED),
        ("true", "boolean", WIDENED),
        ("string", "unknown", WIDENED),
        ("string[]", "(string | number)[]", WIDENED),
        ("string[]", "readonly string[]", WIDENED),
        ("[string, number]", "string[]", INCOMPATIBLE),
        ("`#${string}`", "string", WIDENED),
    ],
)
def test_relates_primitives_literals_and_arrays(old: str, new: str, relation: Relation) -> None:
    assert relate(old, new) is relation


@pytest.mark.parametrize(
    ("old", "new", "relation"),
    [
        ("React.ReactNode", "string", NARROWED),
        ("string", "React.ReactNode", WIDENED),
        ("JSX.Element", "React.ReactNode", WIDENED),
        ("React.ReactElement", "JSX.Element", EQUAL),
        ("React.ReactNode", "React.ReactNode | (() => React.ReactNode)", WIDENED),
        ("React.MouseEvent<HTMLButtonElement>", "React.MouseEvent<HTMLElement>", WIDENED),
        ("React.MouseEvent<HTMLElement>", "React.SyntheticEvent<HTMLElement>", WIDENED),
        ("React.MouseEvent", "React.KeyboardEvent", INCOMPATIBLE),
        ("HTMLButtonElement", "HTMLElement", WIDENED),
        ("HTMLButtonElement", "HTMLInputElement", INCOMPATIBLE),
        ("string", "React.CSSProperties", UNDECIDABLE),
        ("ImportedProps", "OtherProps", UNDECIDABLE),
        ("T", "T", EQUAL),
    ],
)
def test_knows_react_and_dom_types(old: str, new: str, relation: Relation) -> None:
    assert relate(old, new) is relation


@pytest.mark.parametrize(
    ("old", "new", "relation"),
    [
        # Parameters are contravariant: a function type taking more is a narrower prop type.
        ("(v: string) => void", "(v: string | number) => void", NARROWED),
        ("(v: string | number) => void", "(v: string) => void", WIDENED),
        ("(v: string) => void", "(v: string, i: number) => void", WIDENED),
        ("(v: string, i: number) => void", "(v: string) => void", NARROWED),
        ("() => boolean", "() => void", WIDENED),
        ("() => void", "() => boolean", NARROWED),
        ("(v: string) => string", "(v: string) => number", INCOMPATIBLE),
        ("(value: string) => void", "(text: string) => void", EQUAL),
        ("(...xs: string[]) => void", "(...xs: number[]) => void", UNDECIDABLE),
    ],
)
def test_compares_function_types_by_variance(old: str, new: str, relation: Relation) -> None:
    assert relate(old, new) is relation


def test_an_object_literal_may_not_carry_a_member_the_new_type_dropped() -> None:
    assert relate("{ id: string; label?: string }", "{ id: string }") is NARROWED
    assert relate("{ id: string }", "{ id: string; label?: string }") is WIDENED


def test_a_value_the_component_produces_may_gain_members() -> None:
    assert relate("{ id: string }", "{ id: string; label: string }", literal=False) is NARROWED


def test_an_optional_member_made_required_narrows_an_object_type() -> None:
    assert relate("{ id?: string }", "{ id: string }") is NARROWED
