"""The requirements of one component: the structured spec the generator renders from.

Validation errors point at the field (pydantic `loc`); `parse_requirements` turns them into
`RequirementsError` with one entry per problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from redraft.core.semver import check_constraint
from redraft.core.tstype import check_type
from redraft.errors import InvalidInput, RequirementsError

Identifier = Annotated[str, Field(pattern=r"^[a-z][A-Za-z0-9]*$", max_length=64)]
EventName = Annotated[str, Field(pattern=r"^on[A-Z][A-Za-z0-9]*$", max_length=64)]
VariantValue = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]
StyleValue = str | int | float

# A style slot: `part`, `part[axis=value]` (a variant's override) or `part:state`
# (a state's override); e.g. `root`, `root[size=sm]`, `root:disabled`.
SLOT = re.compile(
    r"^(?P<part>[a-z][A-Za-z0-9]*)"
    r"(?:\[(?P<axis>[a-z][A-Za-z0-9]*)=(?P<value>[a-z0-9][a-z0-9-]*)\])?"
    r"(?::(?P<state>[a-z][A-Za-z0-9]*))?$"
)
CSS_PROPERTY = re.compile(r"^[a-z][A-Za-z]*$")
TOKEN_REF = re.compile(r"^\{([A-Za-z0-9_$@-][A-Za-z0-9_$@ .-]*)\}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PropSpec(_Strict):
    """A prop the consumer passes; `type` is a TypeScript type expression (a safe subset)."""

    name: Identifier
    type: Annotated[str, Field(min_length=1, max_length=400)]
    required: bool = False
    default: str | int | float | bool | None = None
    description: str | None = None
    deprecated: bool | str = False

    @field_validator("type")
    @classmethod
    def _valid_type(cls, value: str) -> str:
        return _checked_type(value)

    @model_validator(mode="after")
    def _default_only_when_optional(self) -> PropSpec:
        if self.required and self.default is not None:
            raise ValueError("a required prop cannot have a default")
        return self


class ParamSpec(_Strict):
    name: Identifier
    type: Annotated[str, Field(min_length=1, max_length=400)]

    @field_validator("type")
    @classmethod
    def _valid_type(cls, value: str) -> str:
        return _checked_type(value)


class EventSpec(_Strict):
    """A callback prop (`onChange(value: string) => void`)."""

    name: EventName
    params: list[ParamSpec] = []
    returns: str = "void"
    required: bool = False
    description: str | None = None

    @field_validator("returns")
    @classmethod
    def _valid_return(cls, value: str) -> str:
        return _checked_type(value)

    @field_validator("params")
    @classmethod
    def _unique_params(cls, value: list[ParamSpec]) -> list[ParamSpec]:
        _ensure_unique([p.name for p in value], "parameter")
        return value


class A11ySpec(_Strict):
    role: Annotated[str, Field(pattern=r"^[a-z]+$")] | None = None
    label: str | None = None
    attributes: dict[Annotated[str, Field(pattern=r"^aria-[a-z]+$")], str] = {}


class Requirements(_Strict):
    """Everything the generator needs to know about one component besides tokens and pattern."""

    name: Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9]*$", max_length=64)]
    pattern: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=64)]
    pattern_version: str = "*"
    description: str | None = None
    props: list[PropSpec] = []
    variants: dict[Identifier, Annotated[list[VariantValue], Field(min_length=1)]] = {}
    states: list[Identifier] = []
    events: list[EventSpec] = []
    a11y: A11ySpec = A11ySpec()
    bindings: dict[str, dict[str, StyleValue]] = {}
    schema_: Literal["redraft/requirements@1"] = Field(
        default="redraft/requirements@1", alias="$schema"
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("pattern_version")
    @classmethod
    def _valid_constraint(cls, value: str) -> str:
        try:
            return check_constraint(value)
        except InvalidInput as exc:
            raise ValueError(exc.detail) from None

    @field_validator("variants")
    @classmethod
    def _unique_variant_values(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for axis, values in value.items():
            _ensure_unique(values, f"value of variant {axis!r}")
        return value

    @field_validator("states")
    @classmethod
    def _unique_states(cls, value: list[str]) -> list[str]:
        _ensure_unique(value, "state")
        return value

    @field_validator("bindings")
    @classmethod
    def _valid_bindings(
        cls, value: dict[str, dict[str, StyleValue]]
    ) -> dict[str, dict[str, StyleValue]]:
        for slot, styles in value.items():
            if not SLOT.match(slot):
                raise ValueError(
                    f"style slot {slot!r} must look like 'part', 'part[axis=value]' or 'part:state'"
                )
            for prop, style in styles.items():
                if not CSS_PROPERTY.match(prop):
                    raise ValueError(f"{slot}: {prop!r} is not a camelCase CSS property")
                if isinstance(style, str) and "{" in style and not TOKEN_REF.match(style):
                    raise ValueError(f"{slot}.{prop}: {style!r} is not a token reference '{{a.b}}'")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Requirements:
        names = (
            [p.name for p in self.props]
            + list(self.variants)
            + list(self.states)
            + [e.name for e in self.events]
        )
        _ensure_unique(names, "prop, variant, state or event name")
        for slot in self.bindings:
            match = SLOT.match(slot)
            assert match is not None  # checked by the field validator
            axis, value, state = match.group("axis", "value", "state")
            if axis is not None and value not in self.variants.get(axis, []):
                raise ValueError(f"style slot {slot!r}: {axis}={value} is not a declared variant")
            if state is not None and state not in self.states:
                raise ValueError(f"style slot {slot!r}: {state!r} is not a declared state")
        return self

    def token_references(self) -> list[str]:
        """Every token path the bindings refer to, in sorted order, without duplicates."""
        found = {
            match.group(1)
            for styles in self.bindings.values()
            for style in styles.values()
            if isinstance(style, str) and (match := TOKEN_REF.match(style))
        }
        return sorted(found)

    def canonical(self) -> dict[str, Any]:
        """Plain JSON with defaults filled in: the stored form and the input to the inputs hash."""
        return self.model_dump(mode="json", by_alias=True)


def _checked_type(value: str) -> str:
    try:
        return check_type(value)
    except InvalidInput as exc:  # pydantic attaches the field location to ValueErrors only
        raise ValueError(exc.detail) from None


def _ensure_unique(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what} {value!r}")
        seen.add(value)


def parse_requirements(data: Any) -> Requirements:
    """Validate plain JSON into `Requirements`; raise `RequirementsError` naming each bad field."""
    if not isinstance(data, Mapping):
        raise RequirementsError("requirements must be a JSON object")
    try:
        return Requirements.model_validate(data)
    except ValidationError as exc:
        errors = [
            {"loc": ".".join(str(part) for part in err["loc"]) or "(root)", "msg": err["msg"]}
            for err in exc.errors(include_url=False)
        ]
        first = errors[0]
        raise RequirementsError(
            f"invalid requirements at {first['loc']}: {first['msg']}", errors=errors
        ) from None


def requirements_json_schema() -> dict[str, Any]:
    """The JSON Schema of requirements documents."""
    return Requirements.model_json_schema(by_alias=True)
