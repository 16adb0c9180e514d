from pathlib import Path

from redraft.core.tsprops import CallbackParam, ComponentKind, GenericParam, PropSig
from redraft.integrations.tsx import extract_api

PAIRS = Path(__file__).resolve().parents[1] / "data" / "tsx" / "pairs"


def test_reads_an_interface_defaults_optionality_and_deprecation() -> None:
    api = extract_api(
        """
import * as React from 'react';

export interface ButtonProps {
  /** Shown on the button. */
  label: string;
  size?: 'sm' | "md" | 'lg';
  /** @deprecated use `tone` */
  variant?: 'primary' | 'secondary';
}

export function Button({ label, size = 'md', variant: v = "primary" }: ButtonProps) {
  return <button className={`${size} ${v}`}>{label}</button>;
}
"""
    )
    button = api.components["Button"]
    assert button.kind is ComponentKind.FUNCTION
    assert button.props == {
        "label": PropSig("string"),
        "size": PropSig("'lg' | 'md' | 'sm'", optional=True, default="'md'"),
        "variant": PropSig(
            "'primary' | 'secondary'", optional=True, default='"primary"', deprecated=True
        ),
    }
    assert api.exports == frozenset({"ButtonProps"})
    assert api.errors == ()


def test_reads_callbacks_in_property_and_method_style_alike() -> None:
    api = extract_api(
        """
type Item = { id: string };
export const List = (props: {
  onSelect?: (item: Item, index?: number) => void;
  onPick?(item: Item, index?: number): void;
}) => null;
"""
    )
    props = api.components["List"].props
    expected = PropSig(
        "(item: { id: string }, index?: number) => void",
        optional=True,
        is_callback=True,
        params=(CallbackParam("item", "{ id: string }"), CallbackParam("index", "number", True)),
        returns="void",
    )
    assert props["onSelect"] == props["onPick"] == expected


def test_merges_local_bases_and_intersections_and_keeps_external_bases_by_name() -> None:
    api = extract_api(
        """
import type { ButtonHTMLAttributes, ReactNode } from 'react';
interface Base { id?: string }
interface Labelled { label: string }
export interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, Base, Labelled {
  icon: ReactNode;
}
type Extra = { tone?: 'neutral' | 'danger' };
export const IconButton = (props: IconButtonProps & Extra) => null;
"""
    )
    button = api.components["IconButton"]
    assert sorted(button.props) == ["icon", "id", "label", "tone"]
    assert button.props["icon"].type == "React.ReactNode"
    assert button.extends == ("React.ButtonHTMLAttributes<HTMLButtonElement>",)
    assert button.props["tone"].intersected
    assert not button.props["icon"].intersected


def test_reads_omit_pick_partial_and_props_with_children_of_local_types() -> None:
    api = extract_api(
        """
import * as React from 'react';
interface Anchor { href: string; target?: string; rel?: string }
export const A = (p: Omit<Anchor, 'rel'>) => null;
export const B = (p: Pick<Anchor, 'href'>) => null;
export const C = (p: Partial<Anchor>) => null;
export const D = (p: React.PropsWithChildren<Pick<Anchor, 'href'>>) => null;
export const E = (p: Omit<React.HTMLAttributes<HTMLElement>, 'title'>) => null;
"""
    )
    components = api.components
    assert sorted(components["A"].props) == ["href", "target"]
    assert sorted(components["B"].props) == ["href"]
    assert all(sig.optional for sig in components["C"].props.values())
    assert components["D"].props["children"] == PropSig("React.ReactNode", optional=True)
    assert components["E"].extends == ("Omit<React.HTMLAttributes<HTMLElement>, 'title'>",)


def test_recognises_fc_forward_ref_memo_and_class_components() -> None:
    api = extract_api(
        """
import * as React from 'react';
import { FC, forwardRef, memo } from 'react';
type P = { label: string };
export const Tag: FC<P> = ({ label }) => <span>{label}</span>;
export const Chip: React.FunctionComponent<P> = (p) => null;
export const Input = forwardRef<HTMLInputElement, P>(function Input(props, ref) { return null; });
export const Link = React.memo(forwardRef((props: P, ref: React.Ref<HTMLAnchorElement>) => null));
export const Card = memo(function Card(props: P) { return null; });
export class Legacy extends React.Component<P> { render() { return null; } }
"""
    )
    kinds = {name: (c.kind, c.ref_type) for name, c in api.components.items()}
    assert kinds == {
        "Tag": (ComponentKind.FC, None),
        "Chip": (ComponentKind.FC, None),
        "Input": (ComponentKind.FORWARD_REF, "HTMLInputElement"),
        "Link": (ComponentKind.MEMO, "HTMLAnchorElement"),
        "Card": (ComponentKind.MEMO, None),
        "Legacy": (ComponentKind.CLASS, None),
    }
    assert all(list(c.props) == ["label"] for c in api.components.values())


def test_follows_export_clauses_default_exports_and_re_exports() -> None:
    api = extract_api(
        """
function Button(props: { label: string }) { return null; }
const Inner = (props: { n: number }) => null;
export { Button, Button as PrimaryButton };
export default React.memo(Inner);
export { Icon } from './icon';
export * from './tokens';
export * as utils from './utils';
export const useToggle = () => null;
"""
    )
    assert sorted(api.components) == ["Button", "PrimaryButton", "default"]
    assert api.components["default"].name == "Inner"
    assert api.exports == frozenset({"Icon", "* from './tokens'", "utils", "useToggle"})


def test_reads_generic_components_and_their_parameters() -> None:
    api = extract_api(
        """
interface SelectProps<T> { options: T[]; onChange: (value: T) => void }
export function Select<T extends string | number = string>(props: SelectProps<T>) { return null; }
export const Table = <Row,>({ rows }: { rows: Row[] }) => null;
"""
    )
    select = api.components["Select"]
    assert select.generics == (GenericParam("T", "number | string", "string"),)
    assert select.props["options"].type == "T[]"
    assert select.props["onChange"].params == (CallbackParam("value", "T"),)
    assert api.components["Table"].generics == (GenericParam("Row"),)


def test_memo_erases_type_parameters_unless_cast_back() -> None:
    api = extract_api(
        """
import { memo } from 'react';
function List<T>(props: { items: T[] }) { return null; }
export const Erased = memo(List);
export const Kept = memo(List) as typeof List;
"""
    )
    assert api.components["Erased"].generics == ()
    assert api.components["Erased"].props["items"].type == "unknown[]"
    assert api.components["Kept"].generics == (GenericParam("T"),)


def test_spells_react_types_one_way_however_they_were_imported() -> None:
    api = extract_api(
        """
import * as R from 'react';
import { ReactNode as Node, type MouseEvent } from 'react';
export const A = (p: { a: R.ReactNode; b: Node; c: (e: MouseEvent<HTMLElement>) => void }) => null;
"""
    )
    props = api.components["A"].props
    assert props["a"].type == props["b"].type == "React.ReactNode"
    assert props["c"].params == (CallbackParam("e", "React.MouseEvent<HTMLElement>"),)


def test_expands_local_aliases_so_renaming_them_is_not_a_change() -> None:
    one = extract_api("type Size = 'sm' | 'md'; export const A = (p: { size: Size }) => null;")
    two = extract_api(
        "type Dimension = 'md' | 'sm'; export const A = (p: { size: Dimension }) => null;"
    )
    assert one.components["A"].props == two.components["A"].props


def test_marks_what_it_cannot_read() -> None:
    api = extract_api(
        """
export type AlertProps = { tone: 'info'; text: string } | { tone: 'error'; error: Error };
export function Alert(props: AlertProps) { return null; }
export function Untyped(props) { return null; }
"""
    )
    assert api.components["Alert"].unresolved == (
        "{ error: Error; tone: 'error' } | { text: string; tone: 'info' }",
    )
    assert api.components["Untyped"].unresolved == ("any",)


def test_reads_index_signatures_and_component_deprecation() -> None:
    api = extract_api(
        """
/** @deprecated use Stack */
export function Box(props: { as?: string; [prop: string]: unknown }) { return null; }
"""
    )
    assert api.components["Box"].index_signature == "unknown"
    assert api.components["Box"].deprecated


def test_reports_syntax_errors_with_their_position() -> None:
    api = extract_api("export const Bad = (props: { a: string ) => null;\n")
    assert api.errors
    assert api.errors[0].startswith("line 1, column ")


def test_reads_the_props_of_a_500_line_module() -> None:
    # How long it takes is measured by bench/bench_api_diff.py ("extract_500_lines").
    source = "\n".join((PAIRS / name / "new.tsx").read_text() for name in ("surface-unchanged",))
    body = "\n".join(f"      <div className='row-{i}'>{{label}} {i}</div>" for i in range(480))
    source = source.replace("{label}\n", "{label}\n" + body + "\n")
    assert source.count("\n") >= 500
    api = extract_api(source)
    assert sorted(api.components["Button"].props) == ["disabled", "label", "size"]
