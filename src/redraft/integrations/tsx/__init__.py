"""Read a TSX module's public props API with tree-sitter's TSX grammar.

Only top-level declarations count: exported components written as `function`, arrow function,
`React.FC<P>`, `forwardRef` (of a function or of a named one), `memo` (around any of these),
generic components, class components and compound components (`Object.assign(Root, { Part })`,
`Root.Part = Part`, an object of components), exported directly, through `export { … }` or as
the default export. A PascalCase export of any other shape (an unknown wrapper such as
`styled(…)` or `withTheme(…)`) is kept as unreadable, never taken for "not a component".
What the file does not define (imported props types, React's HTML attribute types) is kept by
name as a base; components imported from other modules and re-exported are export names.
"""

from __future__ import annotations

from functools import cache

import tree_sitter_typescript
from tree_sitter import Language, Parser

from redraft.core.tsprops.model import ComponentApi, ModuleApi
from redraft.integrations.tsx.components import ComponentReader
from redraft.integrations.tsx.scope import ModuleScope


@cache
def _language() -> Language:
    return Language(tree_sitter_typescript.language_tsx())


def extract_api(source: str) -> ModuleApi:
    """The exported components of a TSX module with their props, other exports, and syntax
    errors (tree-sitter recovers from them, so the rest is still read)."""
    data = source.encode()
    scope = ModuleScope(data, Parser(_language()).parse(data).root_node)
    reader = ComponentReader(scope)
    components: dict[str, ComponentApi] = {}
    others = set(scope.foreign)
    for name, target in scope.exports.items():
        # JSX takes a lower-case name for an HTML element: such an export is no component.
        any_name = name == "default" or name[:1].isupper()
        component = reader.component(target, any_name=any_name, seen=frozenset())
        if component is None:
            others.add(name)
        else:
            components[name] = component
    return ModuleApi(components, frozenset(others), scope.errors())
