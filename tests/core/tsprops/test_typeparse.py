import pytest

from redraft.core.tsprops.typeexpr import ArrayOf, Function, Keyword, Literal, Named, Opaque, Param
from redraft.core.tsprops.typeparse import normalize_type, parse_type


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("\"md\"|'sm'", "'md' | 'sm'"),
        ("| 'b' | 'a' | 'b'", "'a' | 'b'"),
        ("true | false | undefined", "boolean | undefined"),
        ("Array<string | number>", "(number | string)[]"),
        ("ReadonlyArray<string>", "readonly string[]"),
        ("React.Key", "bigint | number | string"),
        (
            "{ b?: number, a: string; c(x: number): void }",
            "{ a: string; b?: number; c: (x: number) => void }",
        ),
        ("{ [k: string]: unknown }", "{ [key: string]: unknown }"),
        ("[string, number?]", "[string, number?]"),
        ("((v: string) => void) | undefined", "((v: string) => void) | undefined"),
        (
            "React.MouseEventHandler<HTMLButtonElement>",
            "(event: React.MouseEvent<HTMLButtonElement>) => void",
        ),
        ("(A | B) & C", "(A | B) & C"),
        ("-1 | 2.5", "-1 | 2.5"),
        ("/* size */ 'sm' // small", "'sm'"),
    ],
)
def test_normalises_equal_types_to_one_spelling(text: str, canonical: str) -> None:
    assert normalize_type(text) == canonical


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("A extends B ? C : D", "A extends B ? C: D"),
        ("T['k']", "T['k']"),
        ("keyof typeof sizes", "keyof typeof sizes"),
        ("`#${string}`", "`#${string}`"),
        ("{ [K in Keys]: V }", "{ [K in Keys]: V }"),
        ("new () => X", "new () => X"),
        ("(x: string", "(x: string"),
        ("", ""),
    ],
)
def test_keeps_what_it_does_not_model_as_opaque_text(text: str, canonical: str) -> None:
    assert parse_type(text) == Opaque(canonical)


def test_reads_a_callback_with_optional_and_rest_parameters() -> None:
    assert parse_type("(value: string, event?: E, ...rest: number[]) => void") == Function(
        (
            Param("value", Keyword("string")),
            Param("event", Named("E"), optional=True),
            Param("rest", ArrayOf(Keyword("number")), rest=True),
        ),
        Keyword("void"),
    )


def test_reads_string_literals_whatever_their_quotes() -> None:
    assert parse_type('"it\'s"') == parse_type("'it\\'s'") == Literal("string", "'it\\'s'")
