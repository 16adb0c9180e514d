import pytest

from redraft.core.tsprops.bases import from_react, may_declare, readmitted, split_base


@pytest.mark.parametrize(
    ("base", "name", "declares"),
    [
        ("React.ButtonHTMLAttributes<HTMLButtonElement>", "onClick", True),
        ("React.ButtonHTMLAttributes<HTMLButtonElement>", "tone", False),
        ("Omit<React.InputHTMLAttributes<HTMLInputElement>, 'onChange'>", "onChange", False),
        ("Pick<React.HTMLAttributes<HTMLElement>, 'id'>", "title", False),
        ("React.ComponentPropsWithoutRef<'button'>", "type", True),
        ("React.SVGProps<SVGSVGElement>", "viewBox", True),
        ("React.HTMLAttributes<HTMLDivElement>", "viewBox", False),
        ("React.RefAttributes<HTMLDivElement>", "ref", True),
        ("ImportedBaseProps", "tone", True),
    ],
)
def test_knows_which_names_react_dom_bases_declare(base: str, name: str, declares: bool) -> None:
    assert may_declare(base, name) is declares


def test_splits_omit_and_pick_into_base_and_kept_keys() -> None:
    core, kept = split_base("Omit<React.HTMLAttributes<HTMLElement>, 'title' | 'id'>")
    assert core == "React.HTMLAttributes<HTMLElement>"
    assert kept is not None
    assert "role" in kept
    assert "title" not in kept


def test_names_a_widened_base_lets_back_through() -> None:
    assert readmitted("Omit<X, 'a' | 'b'>", "Omit<X, 'a'>") == frozenset({"b"})
    assert readmitted("Omit<X, 'a'>", "X") == frozenset({"a"})
    assert readmitted("Pick<X, 'a'>", "X") is None


def test_a_base_is_reacts_own_also_when_narrowed() -> None:
    assert from_react("React.HTMLAttributes<HTMLDivElement>")
    assert from_react("Omit<Partial<React.HTMLAttributes<HTMLElement>>, 'title'>")
    assert not from_react("ButtonProps")
    assert not from_react("Omit<ButtonProps, 'size'>")
    assert not from_react("ButtonProps<React.ReactNode>")
