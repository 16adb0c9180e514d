"""Classify props-API changes by the rule table (peers.md) and pick the semantic-version bump.

Props are inputs the consumer writes: widening is safe, narrowing breaks. Callback parameters
are outputs (narrowing is safe); callback return types are inputs again. Rule ids follow
cargo-semver-checks' style; `RULES` lists every id with its bump.
"""

from __future__ import annotations

from collections.abc import Mapping

from redraft.core.semver import Bump
from redraft.core.tsprops.bases import from_react, may_declare, readmitted, split_base
from redraft.core.tsprops.finding import REVIEW_RULES, RULES, ApiDiff, Finding
from redraft.core.tsprops.model import (
    CallbackParam,
    ComponentApi,
    ComponentKind,
    ModuleApi,
    PropSig,
)
from redraft.core.tsprops.typecompare import Relation, relation_of, without_undefined
from redraft.core.tsprops.typeexpr import (
    Function,
    Keyword,
    Named,
    TypeExpr,
    Union,
    make_union,
    print_type,
)
from redraft.core.tsprops.typeparse import parse_type, tokenize

MAJOR, MINOR, PATCH = Bump.MAJOR, Bump.MINOR, Bump.PATCH
_REF_PROP_TYPES = frozenset({"React.Ref", "React.RefObject", "React.LegacyRef"})


def compare_api(old: ModuleApi, new: ModuleApi, *, default_change: Bump = MAJOR) -> ApiDiff:
    """Classify every difference between two module APIs.

    Args:
        old: the API consumers were written against.
        new: the API they will meet.
        default_change: the bump for a changed default value (major unless configured).

    Returns:
        The findings in a stable order; a `surface-unchanged` patch finding when the props
        surface is identical. What cannot be decided is major and needs review, never
        "unchanged": a side that does not parse (`parse-error`), a side without any exported
        component (`component-not-found`), a component either side could not read
        (`component-unreadable`), and the `undecidable` comparisons.
    """
    out = _Findings(default_change)
    for side, api in (("old", old), ("new", new)):
        for error in api.errors:
            out.add("parse-error", "*", f"{side} source does not parse: {error}", new=error)
    if not out.items:
        for side, api in (("old", old), ("new", new)):
            if not api.components:
                others = f" (it exports {', '.join(sorted(api.exports))})" if api.exports else ""
                message = f"no exported component found in the {side} source{others}"
                out.add("component-not-found", "*", message)
        _compare_exports(old, new, out)
        for name in sorted(old.components.keys() & new.components.keys()):
            _compare_component(old.components[name], new.components[name], out.scope(name))
    if not out.items:
        for name in sorted(new.components):
            out.add("surface-unchanged", name, "props surface unchanged")
    return ApiDiff(
        findings=out.items,
        bump=max(f.bump for f in out.items),
        needs_review=any(f.rule in REVIEW_RULES for f in out.items),
    )


class _Findings:
    def __init__(self, default_change: Bump, items: list[Finding] | None = None) -> None:
        self.default_change = default_change
        self.items = items if items is not None else []
        self.component = ""

    def scope(self, component: str) -> _Findings:
        scoped = _Findings(self.default_change, self.items)
        scoped.component = component
        return scoped

    def add(
        self,
        rule: str,
        component: str | None,
        message: str,
        *,
        prop: str | None = None,
        old: str | None = None,
        new: str | None = None,
    ) -> None:
        bump = self.default_change if rule == "default-changed" else RULES[rule]
        where = self.component if component is None else component
        self.items.append(Finding(rule, bump, message, where, prop, old, new))


def _compare_exports(old: ModuleApi, new: ModuleApi, out: _Findings) -> None:
    before = old.components.keys() | old.exports
    after = new.components.keys() | new.exports
    for name in sorted(before - after):
        out.add("export-removed", name, f"export {name!r} removed", old=name)
    for name in sorted(after - before):
        out.add("export-added", name, f"export {name!r} added", new=name)
    for name in sorted((old.components.keys() ^ new.components.keys()) & before & after):
        out.add("undecidable", name, f"{name!r} is a component on one side only; review it")


def _compare_component(old: ComponentApi, new: ComponentApi, out: _Findings) -> None:
    if old.unreadable is not None or new.unreadable is not None:
        for side, component in (("old", old), ("new", new)):
            if component.unreadable is not None:
                message = f"cannot read {out.component!r} in the {side} source: "
                out.add("component-unreadable", None, message + component.unreadable)
        return
    elsewhere = [(side, _props_elsewhere(c)) for side, c in (("old", old), ("new", new))]
    for side, bases in elsewhere:
        if bases:
            message = (
                f"cannot read the props of {out.component!r} in the {side} source: "
                f"they are declared in another module ({', '.join(bases)})"
            )
            out.add("component-unreadable", None, message)
    if any(bases for _, bases in elsewhere):
        return
    namespaces = (old.kind is ComponentKind.NAMESPACE, new.kind is ComponentKind.NAMESPACE)
    if namespaces[0] != namespaces[1]:
        message = f"{out.component!r} changed between a component and an object of components"
        out.add("undecidable", None, message + "; review it")
    elif not namespaces[0]:
        _compare_surface(old, new, out)
    _compare_parts(old, new, out)


def _props_elsewhere(component: ComponentApi) -> tuple[str, ...]:
    """The bases a component's props come from when it declares none of its own and some
    base is not React's (an imported `ButtonProps`): its props cannot be read here."""
    if component.props or component.index_signature is not None or component.unresolved:
        return ()
    foreign = tuple(base for base in component.extends if not from_react(base))
    return component.extends if foreign else ()


def _compare_parts(old: ComponentApi, new: ComponentApi, out: _Findings) -> None:
    """Compound parts (`Tabs.Panel`) are exports of their own, compared like components."""
    for name in sorted(old.parts.keys() - new.parts.keys()):
        where = f"{out.component}.{name}"
        out.add("export-removed", where, f"part {where!r} removed", old=where)
    for name in sorted(new.parts.keys() - old.parts.keys()):
        where = f"{out.component}.{name}"
        out.add("export-added", where, f"part {where!r} added", new=where)
    for name in sorted(old.parts.keys() & new.parts.keys()):
        scoped = out.scope(f"{out.component}.{name}")
        _compare_component(old.parts[name], new.parts[name], scoped)


def _compare_surface(old: ComponentApi, new: ComponentApi, out: _Findings) -> None:
    if old.unresolved != new.unresolved:
        text = " & ".join(new.unresolved) or "(resolved now)"
        out.add("undecidable", None, f"props type cannot be compared: {text}")
    if new.deprecated and not old.deprecated:
        out.add("component-deprecated", None, f"{new.name} marked @deprecated")
    old_ref, old_props = _ref_of(old)
    new_ref, new_props = _ref_of(new)
    _compare_ref(old_ref, new_ref, out)
    _compare_generics(old, new, out)
    _compare_extends(old, new, new_props, out)
    _compare_index(old.index_signature, new.index_signature, out)
    for name in sorted(old_props.keys() - new_props.keys()):
        out.add("prop-removed", None, f"prop {name!r} removed", prop=name, old=old_props[name].type)
    for name in sorted(new_props.keys() - old_props.keys()):
        sig = new_props[name]
        shadowed = [b for b in new.extends if may_declare(b, name)]
        if sig.optional and shadowed:
            # The base may already give consumers this prop, with a type we cannot see.
            message = f"prop {name!r} added; {shadowed[0]} may already declare it"
            out.add("undecidable", None, message, prop=name, new=sig.type)
            continue
        rule = "prop-optional-added" if sig.optional else "prop-required-added"
        kind = "optional" if sig.optional else "required"
        out.add(rule, None, f"{kind} prop {name!r} added", prop=name, new=sig.type)
    for name in sorted(old_props.keys() & new_props.keys()):
        _compare_prop(name, old_props[name], new_props[name], out)


def _ref_of(component: ComponentApi) -> tuple[str | None, Mapping[str, PropSig]]:
    """The ref target, whether from `forwardRef` or (React 19) a `ref?: Ref<T>` prop.

    Moving from one spelling to the other is not a change for consumers, so a ref prop is
    compared as the component's ref, not as a prop.
    """
    sig = component.props.get("ref")
    if component.ref_type is not None or sig is None:
        return component.ref_type, component.props
    expr = without_undefined(parse_type(sig.type))
    if isinstance(expr, Named) and expr.name in _REF_PROP_TYPES and len(expr.args) == 1:
        props = {k: v for k, v in component.props.items() if k != "ref"}
        return print_type(expr.args[0]), props
    return None, component.props


def _compare_ref(old: str | None, new: str | None, out: _Findings) -> None:
    if old == new:
        return
    if new is None:
        out.add("forward-ref-removed", None, "no longer forwards a ref", old=old)
    elif old is None:
        out.add("forward-ref-added", None, f"now forwards a ref to {new}", new=new)
    else:
        out.add("ref-type-changed", None, f"ref type changed from {old} to {new}", old=old, new=new)


def _compare_generics(old: ComponentApi, new: ComponentApi, out: _Findings) -> None:
    for before, after in zip(old.generics, new.generics, strict=False):
        if before.default is not None and after.default is None:
            out.add("generic-required-added", None, f"type parameter {after.name} lost its default")
        old_bound, new_bound = before.constraint or "unknown", after.constraint or "unknown"
        relation = _relate(old_bound, new_bound)
        if relation is Relation.WIDENED:
            rule = "generic-constraint-widened"
        elif relation is Relation.UNDECIDABLE:
            rule = "undecidable"
        elif relation is not Relation.EQUAL:
            rule = "generic-constraint-narrowed"
        else:
            continue
        message = f"constraint of {after.name} changed from {old_bound} to {new_bound}"
        out.add(rule, None, message, old=old_bound, new=new_bound)
    for gone in old.generics[len(new.generics) :]:
        out.add("generic-removed", None, f"type parameter {gone.name} removed", old=gone.name)
    for added in new.generics[len(old.generics) :]:
        rule = "generic-required-added" if added.default is None else "generic-with-default-added"
        out.add(rule, None, f"type parameter {added.name} added", new=added.name)


def _compare_extends(
    old: ComponentApi, new: ComponentApi, props: Mapping[str, PropSig], out: _Findings
) -> None:
    before = {split_base(b)[0]: b for b in old.extends}
    after = {split_base(b)[0]: b for b in new.extends}
    for core in sorted(before.keys() - after.keys()):
        out.add("extends-removed", None, f"no longer extends {before[core]}", old=before[core])
    for core in sorted(after.keys() - before.keys()):
        base = after[core]
        clash = sorted(n for n, sig in props.items() if sig.intersected and may_declare(base, n))
        if clash:
            message = f"now intersects {base}, which may also declare {', '.join(clash)}"
            out.add("undecidable", None, message, new=base)
        else:
            out.add("extends-added", None, f"now extends {base}", new=base)
    for core in sorted(before.keys() & after.keys()):
        was, now = before[core], after[core]
        if was == now:
            continue
        kept_before, kept_after = split_base(was)[1], split_base(now)[1]
        widened = kept_after is None or (kept_before is not None and kept_before <= kept_after)
        back = readmitted(was, now)
        clash = sorted(
            n for n, sig in props.items() if sig.intersected and (back is None or n in back)
        )
        if widened and clash:
            message = f"{now} lets through {', '.join(clash)}, which local props also declare"
            out.add("undecidable", None, message, old=was, new=now)
            continue
        rule = "extends-widened" if widened else "extends-reduced"
        out.add(rule, None, f"base changed from {was} to {now}", old=was, new=now)


def _compare_index(old: str | None, new: str | None, out: _Findings) -> None:
    if old == new:
        return
    if new is None:
        out.add("index-signature-removed", None, "index signature removed", old=old)
    elif old is None:
        out.add("index-signature-added", None, "index signature added", new=new)
    else:
        relation = _relate(old, new)
        rule = {
            Relation.EQUAL: None,
            Relation.WIDENED: "index-signature-widened",
            Relation.UNDECIDABLE: "undecidable",
        }.get(relation, "index-signature-narrowed")
        if rule:
            out.add(rule, None, f"index signature {old} → {new}", old=old, new=new)


def _compare_prop(name: str, old: PropSig, new: PropSig, out: _Findings) -> None:
    if old.optional and not new.optional:
        out.add("prop-made-required", None, f"prop {name!r} is now required", prop=name)
    elif new.optional and not old.optional:
        out.add("prop-made-optional", None, f"prop {name!r} is now optional", prop=name)
    if new.deprecated and not old.deprecated:
        out.add("prop-deprecated", None, f"prop {name!r} marked @deprecated", prop=name)
    # Only a consumer who omits the prop meets its default, and only an optional prop can be
    # omitted on both sides.
    if old.optional and new.optional and not _same_default(old.default, new.default):
        message = f"default of {name!r} changed from {old.default} to {new.default}"
        out.add("default-changed", None, message, prop=name, old=old.default, new=new.default)
    if old.type == new.type:
        return
    if old.is_callback and new.is_callback:
        _compare_callback(name, old, new, out)
        return
    strip = old.optional or new.optional
    before, after = parse_type(old.type), parse_type(new.type)
    if strip:
        before, after = without_undefined(before), without_undefined(after)
    relation = relation_of(before, after)
    old_functions = _callables(before)
    if relation is Relation.WIDENED and old_functions and old_functions != _callables(after):
        # A consumer's arrow function takes its parameter types from the prop's function
        # members; a different set of them can leave parameters `any` or `never` (tsc-checked).
        relation = Relation.UNDECIDABLE
    rule = {
        Relation.EQUAL: None,
        Relation.WIDENED: "prop-type-widened",
        Relation.NARROWED: "prop-type-narrowed",
        Relation.INCOMPATIBLE: "prop-type-changed",
        Relation.UNDECIDABLE: "undecidable",
    }[relation]
    if rule in ("prop-type-narrowed", "prop-type-changed") and name == "children":
        rule = "children-narrowed"
    if rule:
        message = f"type of {name!r} {relation.value}: {old.type} → {new.type}"
        out.add(rule, None, message, prop=name, old=old.type, new=new.type)


def _callables(expr: TypeExpr) -> set[str]:
    members = expr.members if isinstance(expr, Union) else (expr,)
    return {print_type(m) for m in members if isinstance(m, Function)}


def _compare_callback(name: str, old: PropSig, new: PropSig, out: _Findings) -> None:
    before, after = old.params, new.params
    names = ([p.name for p in before], [p.name for p in after])
    types = ([p.type for p in before], [p.type for p in after])
    reordered = any(a != b and sorted(a) == sorted(b) for a, b in (names, types))
    if len(before) == len(after) > 1 and reordered:
        message = (
            f"parameters of {name!r} reordered: ({', '.join(names[0])}) → ({', '.join(names[1])})"
        )
        out.add("callback-params-reordered", None, message, prop=name, old=old.type, new=new.type)
    else:
        for index, (was, now) in enumerate(zip(before, after, strict=False)):
            _compare_param(name, index, was, now, out)
    for gone in before[len(after) :]:
        message = f"parameter {gone.name!r} of {name!r} removed"
        out.add("callback-param-removed", None, message, prop=name, old=gone.type)
    for added in after[len(before) :]:
        message = f"parameter {added.name!r} appended to {name!r}"
        out.add("callback-param-added-trailing", None, message, prop=name, new=added.type)
    _compare_return(name, old.returns or "void", new.returns or "void", out)


def _compare_param(
    prop: str, index: int, was: CallbackParam, now: CallbackParam, out: _Findings
) -> None:
    old_type, new_type = _param_text(was), _param_text(now)
    # A callback's arguments come from the component: narrowing them is safe, widening breaks.
    relation = _relate(old_type, new_type, literal=False)
    rule = {
        Relation.EQUAL: None,
        Relation.NARROWED: "callback-param-narrowed",
        Relation.WIDENED: "callback-param-widened",
        Relation.INCOMPATIBLE: "callback-param-changed",
        Relation.UNDECIDABLE: "undecidable",
    }[relation]
    if rule:
        where = f"parameter {index + 1} ({now.name}) of {prop!r}"
        message = f"{where} {relation.value}: {old_type} → {new_type}"
        out.add(rule, None, message, prop=prop, old=old_type, new=new_type)


def _compare_return(prop: str, old: str, new: str, out: _Findings) -> None:
    # A `void` return accepts whatever the consumer's callback returns.
    if new == "void" or old == "void":
        relation = Relation.EQUAL if old == new else _void_relation(new)
    else:
        relation = _relate(old, new)
    rule = {
        Relation.EQUAL: None,
        Relation.WIDENED: "callback-return-widened",
        Relation.NARROWED: "callback-return-narrowed",
        Relation.INCOMPATIBLE: "callback-return-changed",
        Relation.UNDECIDABLE: "undecidable",
    }[relation]
    if rule:
        message = f"return type of {prop!r} {relation.value}: {old} → {new}"
        out.add(rule, None, message, prop=prop, old=old, new=new)


def _void_relation(new: str) -> Relation:
    if new in ("void", "any", "unknown"):
        return Relation.WIDENED
    return Relation.NARROWED


def _param_text(param: CallbackParam) -> str:
    if not param.optional:
        return param.type
    return print_type(make_union([parse_type(param.type), Keyword("undefined")]))


def _relate(old: str, new: str, *, literal: bool = True) -> Relation:
    return relation_of(parse_type(old), parse_type(new), literal=literal)


def _same_default(old: str | None, new: str | None) -> bool:
    if old is None or new is None:
        return old is new
    return _default_tokens(old) == _default_tokens(new)


def _default_tokens(text: str) -> list[str]:
    # Quote style is formatting, not a different default.
    return [f"'{t[1:-1]}'" if t[:1] == '"' else t for t in tokenize(text)]
