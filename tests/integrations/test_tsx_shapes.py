"""The export shapes real component code uses, and what is never taken for "no component"."""

from redraft.core.tsprops import ComponentKind, GenericParam, ModuleApi, compare_api
from redraft.integrations.tsx import extract_api

PARTS = """
import * as React from 'react';
interface TabsProps { value: string; children?: React.ReactNode }
interface PanelProps { id: string; onSelect?: (id: string, index: number) => void }
function TabsRoot({ value, children }: TabsProps) { return <div title={value}>{children}</div>; }
function TabPanel({ id }: PanelProps) { return <div id={id} />; }
"""


def _parts(api: ModuleApi, name: str) -> dict[str, list[str]]:
    return {key: sorted(part.props) for key, part in api.components[name].parts.items()}


def test_object_assign_makes_a_compound_component_with_its_parts() -> None:
    api = extract_api(
        PARTS
        + """
export const Tabs = Object.assign(TabsRoot, {
  Panel: TabPanel,
  List: (props: { label: string }) => null,
  Tab({ selected }: { selected?: boolean }) { return null; },
  displayName: 'Tabs',
});
"""
    )
    tabs = api.components["Tabs"]
    assert (tabs.kind, sorted(tabs.props), tabs.unreadable) == (
        ComponentKind.FUNCTION,
        ["children", "value"],
        None,
    )
    assert _parts(api, "Tabs") == {
        "Panel": ["id", "onSelect"],
        "List": ["label"],
        "Tab": ["selected"],
    }


def test_parts_assigned_to_the_root_function_count_as_parts() -> None:
    api = extract_api(
        PARTS
        + """
TabsRoot.Panel = TabPanel;
TabsRoot.displayName = 'Tabs';
export { TabsRoot as Tabs };
"""
    )
    assert _parts(api, "Tabs") == {"Panel": ["id", "onSelect"]}


def test_an_object_of_components_is_a_namespace_and_a_plain_object_no_component() -> None:
    api = extract_api(
        PARTS
        + """
export const Menu = { Root: TabsRoot, Item: TabPanel, size: 3 };
export const Palette = { Primary: '#fff', Secondary: makeColour() };
export const Panel = Menu.Item;
"""
    )
    assert api.components["Menu"].kind is ComponentKind.NAMESPACE
    assert _parts(api, "Menu") == {"Root": ["children", "value"], "Item": ["id", "onSelect"]}
    assert sorted(api.components["Panel"].props) == ["id", "onSelect"]
    assert "Palette" in api.exports


def test_reads_forward_ref_and_memo_in_any_order_around_a_named_render_function() -> None:
    api = extract_api(
        """
import * as React from 'react';
import { forwardRef, memo } from 'react';
type P = { label: string };
function ButtonImpl(props: P, ref: React.ForwardedRef<HTMLButtonElement>) { return null; }
const Render = (props: P, ref: React.Ref<HTMLAnchorElement>) => null;
export const Button = forwardRef(ButtonImpl);
export const Link = memo(React.forwardRef(Render));
export const Twice = React.memo(memo(forwardRef<HTMLDivElement, P>((props, ref) => null)));
export const Group = Object.assign(forwardRef(ButtonImpl), { Item: Link });
"""
    )
    found = {name: (c.kind, c.ref_type, sorted(c.props)) for name, c in api.components.items()}
    assert found == {
        "Button": (ComponentKind.FORWARD_REF, "HTMLButtonElement", ["label"]),
        "Link": (ComponentKind.MEMO, "HTMLAnchorElement", ["label"]),
        "Twice": (ComponentKind.MEMO, "HTMLDivElement", ["label"]),
        "Group": (ComponentKind.FORWARD_REF, "HTMLButtonElement", ["label"]),
    }
    assert _parts(api, "Group") == {"Item": ["label"]}


def test_memo_drops_the_parts_of_what_it_wraps() -> None:
    api = extract_api(
        PARTS + "TabsRoot.Panel = TabPanel;\nexport const Tabs = React.memo(TabsRoot);\n"
    )
    assert api.components["Tabs"].parts == {}


def test_reads_anonymous_and_wrapped_default_exports() -> None:
    sources = {
        "function": "export default function (props: { label: string }) { return null; }",
        "arrow": "export default (props: { label: string }) => null;",
        "memo": "import { memo } from 'react';\n"
        "export default memo(function Badge({ label }: { label: string }) { return null; });",
        "compound": "function Root(props: { label: string }) { return null; }\n"
        "export default Object.assign(Root, { Item: Root });",
    }
    for shape, source in sources.items():
        api = extract_api(source)
        assert sorted(api.components["default"].props) == ["label"], shape


def test_reads_generic_component_types_and_fc_spellings() -> None:
    api = extract_api(
        """
import type { ComponentType, FunctionComponent } from 'react';
interface ListProps<T> { items: T[]; renderItem: (item: T, index: number) => React.ReactNode }
export function List<T extends object>(props: ListProps<T>) { return null; }
export const Plain: FunctionComponent<{ label: string }> = ({ label }) => null;
export const Any: ComponentType<{ label: string }> = withTheme(Plain);
"""
    )
    listing = api.components["List"]
    assert listing.generics == (GenericParam("T", "object"),)
    assert listing.props["renderItem"].returns == "React.ReactNode"
    assert [p.type for p in listing.props["renderItem"].params] == ["T", "number"]
    assert api.components["Plain"].kind is api.components["Any"].kind is ComponentKind.FC
    assert sorted(api.components["Any"].props) == ["label"]


def test_a_component_shape_it_cannot_read_is_kept_with_the_reason() -> None:
    api = extract_api(
        """
import { memo } from 'react';
import styled from 'styled-components';
import { Base } from './base';
function TabsRoot(props: { value: string }) { return null; }
export const Styled = styled.button`color: red`;
export const Themed = withTheme(TabsRoot);
export const Fast = memo(Base);
export const Spread = Object.assign(TabsRoot, { ...parts });
export const Ref = React.forwardRef(renderElsewhere);
export class Legacy extends BaseComponent<{ value: string }> { render() { return null; } }
"""
    )
    reasons = {name: c.unreadable for name, c in api.components.items()}
    assert reasons == {
        "Styled": "styled.button`color: red` is not a component shape redraft reads",
        "Themed": "withTheme(TabsRoot) is not a component shape redraft reads",
        "Fast": "Base is memoised but not defined here",
        "Spread": "...parts hides which parts there are",
        "Ref": "renderElsewhere is not a render function defined here",
        "Legacy": "BaseComponent is a base class redraft cannot read",
    }


def test_plain_values_contexts_and_imported_components_are_no_components_here() -> None:
    api = extract_api(
        """
import { createContext, lazy } from 'react';
import { Button } from './button';
export const ThemeContext = createContext('light');
export const Sizes = ['sm', 'md'] as const;
export const Limits = Object.freeze({ Max: 3 });
export const Label = 'Save';
export const Page = lazy(() => import('./page'));
export const Alias = Button;
export class Store { count = 0 }
export const useToggle = () => null;
export { Button };
export function Real(props: { label: string }) { return null; }
"""
    )
    assert list(api.components) == ["Real"]
    assert api.exports == frozenset(
        {
            "ThemeContext",
            "Sizes",
            "Limits",
            "Label",
            "Page",
            "Alias",
            "Store",
            "useToggle",
            "Button",
        }
    )


def test_a_compound_component_hiding_a_breaking_part_change_is_major() -> None:
    old = extract_api(PARTS + "export const Tabs = Object.assign(TabsRoot, { Panel: TabPanel });")
    new_source = PARTS.replace("(id: string, index: number)", "(index: number, id: string)")
    new = extract_api(
        new_source + "export const Tabs = Object.assign(TabsRoot, { Panel: TabPanel });"
    )
    diff = compare_api(old, new)
    assert [(f.rule, f.component, f.prop) for f in diff.findings] == [
        ("callback-params-reordered", "Tabs.Panel", "onSelect")
    ]


def test_an_unknown_wrapper_on_either_side_is_major_needs_review() -> None:
    plain = extract_api(PARTS + "export const Tabs = TabsRoot;")
    wrapped = extract_api(PARTS + "export const Tabs = withRouter(TabsRoot);")
    for old, new in ((plain, wrapped), (wrapped, plain), (wrapped, wrapped)):
        diff = compare_api(old, new)
        assert diff.needs_review
        assert {f.rule for f in diff.findings} == {"component-unreadable"}


def test_a_component_exported_under_a_pascal_case_name_counts_whatever_its_local_name() -> None:
    api = extract_api(
        """
const chip = (props: { label: string }) => null;
const useChip = () => null;
export { chip as Chip, useChip };
"""
    )
    assert list(api.components) == ["Chip"]
    assert api.exports == frozenset({"useChip"})


def test_props_imported_from_another_module_are_never_unchanged() -> None:
    source = """
import type { ButtonProps } from './types';
export function Button(props: ButtonProps) { return null; }
"""
    diff = compare_api(extract_api(source), extract_api(source))
    assert diff.needs_review
    assert {f.rule for f in diff.findings} == {"component-unreadable"}
