from dataclasses import replace

from redraft.core.semver import Bump
from redraft.core.tsprops import (
    ApiDiff,
    ComponentApi,
    GenericParam,
    ModuleApi,
    PropSig,
    compare_api,
)
from redraft.core.tsprops.model import ComponentKind


def _module(*components: ComponentApi, exports: frozenset[str] = frozenset()) -> ModuleApi:
    return ModuleApi({c.name: c for c in components}, exports)


def _button(**props: PropSig) -> ComponentApi:
    return ComponentApi("Button", props={"label": PropSig.of("string"), **props})


def _diff(old: ComponentApi, new: ComponentApi, **options: Bump) -> ApiDiff:
    return compare_api(_module(old), _module(new), **options)


def _rules(diff: ApiDiff) -> list[tuple[str, str]]:
    return [(f.rule, f.bump.label) for f in diff.findings]


def test_an_identical_surface_is_a_patch() -> None:
    diff = _diff(_button(), _button())
    assert _rules(diff) == [("surface-unchanged", "patch")]
    assert diff.bump is Bump.PATCH
    assert not diff.needs_review


def test_removing_a_prop_is_major() -> None:
    diff = _diff(_button(size=PropSig.of("'sm' | 'md'", optional=True)), _button())
    assert _rules(diff) == [("prop-removed", "major")]
    assert diff.findings[0].prop == "size"
    assert diff.findings[0].old == "'md' | 'sm'"


def test_adding_a_required_prop_is_major_and_an_optional_one_minor() -> None:
    required = _diff(_button(), _button(icon=PropSig.of("string")))
    optional = _diff(_button(), _button(icon=PropSig.of("string", optional=True)))
    assert _rules(required) == [("prop-required-added", "major")]
    assert _rules(optional) == [("prop-optional-added", "minor")]


def test_optionality_changes_follow_the_consumer() -> None:
    made_required = _diff(
        _button(x=PropSig.of("string", optional=True)), _button(x=PropSig.of("string"))
    )
    made_optional = _diff(
        _button(x=PropSig.of("string")), _button(x=PropSig.of("string", optional=True))
    )
    assert _rules(made_required) == [("prop-made-required", "major")]
    assert _rules(made_optional) == [("prop-made-optional", "minor")]


def test_prop_types_are_inputs_widening_is_minor_narrowing_major() -> None:
    small, large = (
        PropSig.of("'sm' | 'md'", optional=True),
        PropSig.of("'sm' | 'md' | 'lg'", optional=True),
    )
    assert _rules(_diff(_button(size=small), _button(size=large))) == [
        ("prop-type-widened", "minor")
    ]
    assert _rules(_diff(_button(size=large), _button(size=small))) == [
        ("prop-type-narrowed", "major")
    ]
    changed = _diff(_button(count=PropSig.of("number")), _button(count=PropSig.of("string")))
    assert _rules(changed) == [("prop-type-changed", "major")]


def test_optional_props_ignore_an_explicit_undefined() -> None:
    diff = _diff(
        _button(x=PropSig.of("string | undefined", optional=True)),
        _button(x=PropSig.of("string", optional=True)),
    )
    assert _rules(diff) == [("surface-unchanged", "patch")]


def test_narrowing_children_has_its_own_rule() -> None:
    diff = _diff(
        _button(children=PropSig.of("React.ReactNode")), _button(children=PropSig.of("string"))
    )
    assert _rules(diff) == [("children-narrowed", "major")]


def test_callback_parameters_are_outputs_narrowing_is_minor_widening_major() -> None:
    narrow, wide = PropSig.of("(v: string) => void"), PropSig.of("(v: string | number) => void")
    assert _rules(_diff(_button(onChange=narrow), _button(onChange=wide))) == [
        ("callback-param-widened", "major")
    ]
    assert _rules(_diff(_button(onChange=wide), _button(onChange=narrow))) == [
        ("callback-param-narrowed", "minor")
    ]


def test_callback_arity_changes() -> None:
    one, two = PropSig.of("(item: Item) => void"), PropSig.of("(item: Item, index: number) => void")
    assert _rules(_diff(_button(onSelect=two), _button(onSelect=one))) == [
        ("callback-param-removed", "major")
    ]
    assert _rules(_diff(_button(onSelect=one), _button(onSelect=two))) == [
        ("callback-param-added-trailing", "minor")
    ]


def test_swapping_callback_parameters_is_one_reorder_finding() -> None:
    old = PropSig.of("(value: number, event: React.ChangeEvent) => void")
    new = PropSig.of("(event: React.ChangeEvent, value: number) => void")
    assert _rules(_diff(_button(onChange=old), _button(onChange=new))) == [
        ("callback-params-reordered", "major")
    ]


def test_making_a_callback_parameter_optional_widens_it() -> None:
    old, new = PropSig.of("(v: string) => void"), PropSig.of("(v?: string) => void")
    assert _rules(_diff(_button(onChange=old), _button(onChange=new))) == [
        ("callback-param-widened", "major")
    ]


def test_callback_returns_are_inputs_and_void_accepts_anything() -> None:
    void, boolean = PropSig.of("() => void"), PropSig.of("() => boolean")
    assert _rules(_diff(_button(onClose=void), _button(onClose=boolean))) == [
        ("callback-return-narrowed", "major")
    ]
    assert _rules(_diff(_button(onClose=boolean), _button(onClose=void))) == [
        ("callback-return-widened", "minor")
    ]


def test_a_second_callback_shape_in_a_union_is_undecidable() -> None:
    old = PropSig.of("(v: string) => void", optional=True)
    new = PropSig.of("((v: string) => void) | ((v: number, i: number) => void)", optional=True)
    diff = _diff(_button(onPick=old), _button(onPick=new))
    assert _rules(diff) == [("undecidable", "major")]
    assert diff.needs_review


def test_a_changed_default_is_major_unless_configured() -> None:
    old, new = (
        PropSig.of("string", optional=True, default="'md'"),
        PropSig.of("string", optional=True, default="'lg'"),
    )
    assert _rules(_diff(_button(size=old), _button(size=new))) == [("default-changed", "major")]
    assert _rules(_diff(_button(size=old), _button(size=new), default_change=Bump.MINOR)) == [
        ("default-changed", "minor")
    ]


def test_default_quote_style_is_not_a_change() -> None:
    old, new = (
        PropSig.of("string", optional=True, default="'md'"),
        PropSig.of("string", optional=True, default='"md"'),
    )
    assert _rules(_diff(_button(size=old), _button(size=new))) == [("surface-unchanged", "patch")]


def test_a_default_for_a_prop_that_was_required_is_no_default_change() -> None:
    old, new = PropSig.of("string"), PropSig.of("string", optional=True, default="'OK'")
    assert _rules(_diff(_button(text=old), _button(text=new))) == [("prop-made-optional", "minor")]


def test_deprecating_a_prop_or_component_is_minor() -> None:
    prop = _diff(_button(x=PropSig.of("string")), _button(x=PropSig.of("string", deprecated=True)))
    component = _diff(_button(), ComponentApi("Button", props=_button().props, deprecated=True))
    assert _rules(prop) == [("prop-deprecated", "minor")]
    assert _rules(component) == [("component-deprecated", "minor")]


HTML = "React.ButtonHTMLAttributes<HTMLButtonElement>"


def test_extends_changes() -> None:
    plain, based = _button(), ComponentApi("Button", props=_button().props, extends=(HTML,))
    omit_one = ComponentApi("Button", props=_button().props, extends=(f"Omit<{HTML}, 'type'>",))
    omit_two = ComponentApi(
        "Button", props=_button().props, extends=(f"Omit<{HTML}, 'title' | 'type'>",)
    )
    assert _rules(_diff(based, plain)) == [("extends-removed", "major")]
    assert _rules(_diff(plain, based)) == [("extends-added", "minor")]
    assert _rules(_diff(based, omit_one)) == [("extends-reduced", "major")]
    assert _rules(_diff(omit_two, omit_one)) == [("extends-widened", "minor")]


def test_a_prop_added_where_an_html_base_declares_it_is_undecidable() -> None:
    old = ComponentApi("Field", extends=(HTML,))
    shadowing = ComponentApi(
        "Field",
        props={"onChange": PropSig.of("(v: string) => void", optional=True)},
        extends=(HTML,),
    )
    beside = ComponentApi(
        "Field", props={"tone": PropSig.of("string", optional=True)}, extends=(HTML,)
    )
    assert _rules(compare_api(_module(old), _module(shadowing))) == [("undecidable", "major")]
    assert _rules(compare_api(_module(old), _module(beside))) == [("prop-optional-added", "minor")]


def test_an_html_base_intersected_with_a_same_named_prop_is_undecidable() -> None:
    on_change = PropSig.of("(v: string) => void", optional=True, intersected=True)
    old = ComponentApi("Field", props={"onChange": on_change})
    new = ComponentApi("Field", props={"onChange": on_change}, extends=(HTML,))
    assert _rules(compare_api(_module(old), _module(new))) == [("undecidable", "major")]


def test_index_signature_changes() -> None:
    with_index = ComponentApi("Box", index_signature="unknown")
    without = ComponentApi("Box")
    assert _rules(compare_api(_module(with_index), _module(without))) == [
        ("index-signature-removed", "major")
    ]
    assert _rules(compare_api(_module(without), _module(with_index))) == [
        ("index-signature-added", "minor")
    ]


def _select(*generics: GenericParam) -> ComponentApi:
    return ComponentApi("Select", generics=generics)


def test_generic_parameter_changes() -> None:
    t, k, k_default = GenericParam("T"), GenericParam("K"), GenericParam("K", default="string")
    assert _rules(compare_api(_module(_select(t)), _module(_select(t, k)))) == [
        ("generic-required-added", "major")
    ]
    assert _rules(compare_api(_module(_select(t)), _module(_select(t, k_default)))) == [
        ("generic-with-default-added", "minor")
    ]
    assert _rules(compare_api(_module(_select(t)), _module(_select()))) == [
        ("generic-removed", "major")
    ]
    assert _rules(compare_api(_module(_select(t, k_default)), _module(_select(t, k)))) == [
        ("generic-required-added", "major")
    ]


def test_generic_constraints_are_inputs() -> None:
    wide, narrow = (
        GenericParam("T", constraint="string | number"),
        GenericParam("T", constraint="string"),
    )
    assert _rules(compare_api(_module(_select(wide)), _module(_select(narrow)))) == [
        ("generic-constraint-narrowed", "major")
    ]
    assert _rules(compare_api(_module(_select(narrow)), _module(_select(wide)))) == [
        ("generic-constraint-widened", "minor")
    ]


def _input(ref_type: str | None, **props: PropSig) -> ComponentApi:
    kind = ComponentKind.FORWARD_REF if ref_type else ComponentKind.FUNCTION
    return ComponentApi("Input", kind=kind, props=props, ref_type=ref_type)


def test_ref_changes() -> None:
    button, anchor = _input("HTMLButtonElement"), _input("HTMLAnchorElement")
    assert _rules(compare_api(_module(button), _module(_input(None)))) == [
        ("forward-ref-removed", "major")
    ]
    assert _rules(compare_api(_module(_input(None)), _module(button))) == [
        ("forward-ref-added", "minor")
    ]
    assert _rules(compare_api(_module(button), _module(anchor))) == [("ref-type-changed", "major")]


def test_forward_ref_and_a_react_19_ref_prop_are_the_same_surface() -> None:
    ref_prop = _input(None, ref=PropSig.of("React.Ref<HTMLButtonElement>", optional=True))
    assert _rules(compare_api(_module(_input("HTMLButtonElement")), _module(ref_prop))) == [
        ("surface-unchanged", "patch")
    ]


def test_export_changes() -> None:
    old = _module(_button(), exports=frozenset({"ButtonProps"}))
    new = _module(ComponentApi("IconButton"), exports=frozenset({"ButtonProps", "ButtonSize"}))
    assert _rules(compare_api(old, new)) == [
        ("export-removed", "major"),
        ("export-added", "minor"),
        ("export-added", "minor"),
    ]
    assert [f.component for f in compare_api(old, new).findings] == [
        "Button",
        "ButtonSize",
        "IconButton",
    ]


def test_a_component_that_is_no_longer_recognised_is_undecidable() -> None:
    diff = compare_api(_module(_button()), ModuleApi({}, frozenset({"Button"})))
    assert _rules(diff) == [("component-not-found", "major"), ("undecidable", "major")]
    assert diff.needs_review


def test_an_unreadable_props_type_that_changed_is_undecidable() -> None:
    old = ComponentApi("Alert", unresolved=("{ tone: 'info' } | { tone: 'error' }",))
    new = ComponentApi("Alert", unresolved=("{ tone: 'error' } | { tone: 'warn' }",))
    same = compare_api(_module(old), _module(old))
    assert _rules(compare_api(_module(old), _module(new))) == [("undecidable", "major")]
    assert _rules(same) == [("surface-unchanged", "patch")]


def test_a_parse_error_is_major_needs_review_and_hides_other_findings() -> None:
    broken = ModuleApi({}, frozenset(), ("line 3, column 1: unexpected '}'",))
    diff = compare_api(_module(_button()), broken)
    assert _rules(diff) == [("parse-error", "major")]
    assert diff.needs_review
    assert diff.findings[0].message == "new source does not parse: line 3, column 1: unexpected '}'"


def test_the_bump_is_the_largest_finding() -> None:
    old = _button(size=PropSig.of("string", optional=True))
    new = _button(
        size=PropSig.of("string", optional=True, deprecated=True), icon=PropSig.of("string")
    )
    diff = _diff(old, new)
    assert sorted(_rules(diff)) == [("prop-deprecated", "minor"), ("prop-required-added", "major")]
    assert diff.bump is Bump.MAJOR


def test_serialises_for_the_cli_and_api() -> None:
    diff = _diff(_button(), _button(icon=PropSig.of("string", optional=True)))
    assert diff.to_dict() == {
        "bump": "minor",
        "findings": [
            {
                "rule": "prop-optional-added",
                "bump": "minor",
                "message": "optional prop 'icon' added",
                "component": "Button",
                "prop": "icon",
                "old": None,
                "new": "string",
            }
        ],
        "needs_review": False,
    }


def _findings(diff: ApiDiff) -> list[tuple[str, str, str]]:
    return [(f.rule, f.component, f.message) for f in diff.findings]


def test_a_component_either_side_could_not_read_is_major_needs_review_with_the_reason() -> None:
    unreadable = ComponentApi("Button", unreadable="withTheme(Base) is not a component shape")
    for old, new, side in ((unreadable, _button(), "old"), (_button(), unreadable, "new")):
        diff = _diff(old, new)
        assert (diff.bump, diff.needs_review) == (Bump.MAJOR, True)
        assert _findings(diff) == [
            (
                "component-unreadable",
                "Button",
                f"cannot read 'Button' in the {side} source: "
                "withTheme(Base) is not a component shape",
            )
        ]
    both = _diff(unreadable, unreadable)
    assert [f.rule for f in both.findings] == ["component-unreadable", "component-unreadable"]
    assert both.needs_review


def test_a_side_without_any_component_is_never_unchanged() -> None:
    nothing = ModuleApi({}, frozenset({"useToggle", "* from './button'"}))
    diff = compare_api(nothing, nothing)
    assert (diff.bump, diff.needs_review) == (Bump.MAJOR, True)
    assert _findings(diff) == [
        (
            "component-not-found",
            "*",
            f"no exported component found in the {side} source "
            "(it exports * from './button', useToggle)",
        )
        for side in ("old", "new")
    ]


def test_a_new_export_that_cannot_be_read_is_only_an_added_export() -> None:
    added = ComponentApi("Fancy", unreadable="styled(Button) is not a component shape")
    diff = compare_api(_module(_button()), _module(_button(), added))
    assert _rules(diff) == [("export-added", "minor")]
    assert not diff.needs_review


def _tabs(**parts: ComponentApi) -> ComponentApi:
    return ComponentApi("Tabs", props={"value": PropSig.of("string")}, parts=parts)


def test_compound_parts_are_compared_like_components() -> None:
    panel = ComponentApi("TabPanel", props={"id": PropSig.of("string")})
    select = PropSig.of("(id: string, index: number) => void")
    swapped = PropSig.of("(index: number, id: string) => void")
    old = _tabs(Panel=replace(panel, props={**panel.props, "onSelect": select}))
    new = _tabs(Panel=replace(panel, props={**panel.props, "onSelect": swapped}))
    diff = compare_api(_module(old), _module(new))
    assert [(f.rule, f.component, f.prop) for f in diff.findings] == [
        ("callback-params-reordered", "Tabs.Panel", "onSelect")
    ]
    assert diff.bump is Bump.MAJOR


def test_a_removed_part_is_major_and_an_added_one_minor() -> None:
    panel = ComponentApi("TabPanel")
    removed = compare_api(_module(_tabs(Panel=panel)), _module(_tabs()))
    added = compare_api(_module(_tabs()), _module(_tabs(Panel=panel, List=panel)))
    assert _findings(removed) == [("export-removed", "Tabs.Panel", "part 'Tabs.Panel' removed")]
    assert _findings(added) == [
        ("export-added", "Tabs.List", "part 'Tabs.List' added"),
        ("export-added", "Tabs.Panel", "part 'Tabs.Panel' added"),
    ]
    assert (removed.bump, added.bump) == (Bump.MAJOR, Bump.MINOR)


def test_a_part_that_cannot_be_read_needs_review() -> None:
    panel = ComponentApi("TabPanel")
    hidden = ComponentApi("Panel", unreadable="styled(TabPanel) is not a component shape")
    diff = compare_api(_module(_tabs(Panel=panel)), _module(_tabs(Panel=hidden)))
    assert [(f.rule, f.component) for f in diff.findings] == [
        ("component-unreadable", "Tabs.Panel")
    ]
    assert diff.needs_review


def test_a_component_that_becomes_an_object_of_components_needs_review() -> None:
    menu = ComponentApi("Menu", props={"items": PropSig.of("string[]")})
    namespace = ComponentApi("Menu", kind=ComponentKind.NAMESPACE, parts={"Root": menu})
    diff = compare_api(_module(menu), _module(namespace))
    assert _rules(diff) == [("undecidable", "major"), ("export-added", "minor")]
    assert diff.needs_review
    same = compare_api(_module(namespace), _module(namespace))
    assert _rules(same) == [("surface-unchanged", "patch")]


def test_props_declared_only_in_another_module_need_review() -> None:
    imported = ComponentApi("Button", extends=("ButtonProps",))
    react_only = ComponentApi("Box", extends=("React.HTMLAttributes<HTMLDivElement>",))
    diff = _diff(imported, imported)
    assert _findings(diff) == [
        (
            "component-unreadable",
            "Button",
            f"cannot read the props of 'Button' in the {side} source: "
            "they are declared in another module (ButtonProps)",
        )
        for side in ("old", "new")
    ]
    assert diff.needs_review
    local_and_imported = ComponentApi("Button", props=_button().props, extends=("ButtonProps",))
    assert _rules(_diff(local_and_imported, local_and_imported)) == [("surface-unchanged", "patch")]
    assert _rules(compare_api(_module(react_only), _module(react_only))) == [
        ("surface-unchanged", "patch")
    ]
