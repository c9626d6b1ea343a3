"""Griffe extensions for the API reference: Sphinx roles become links; attrs classes get signatures.

**Sphinx roles.**
The package's docstrings follow numpydoc and cross-reference with Sphinx roles
(``:func:`pensiones.compare```, ``:class:`~pensiones.rules.RuleSet```, ``:meth:`load```).
mkdocstrings does not read roles, so this extension rewrites each one, once the package is
loaded, into an autorefs cross-reference to the object's entry. A relative name is resolved in
the scope of the docstring's object, as Sphinx does.

- A target in the package that exists becomes an optional reference: a link when a page of the
  reference renders the object, plain code when it is internal (a private helper, a module the
  reference does not show).
- A target in the package that does not exist (a typo, a renamed object) becomes a required
  reference, so ``mkdocs build --strict`` fails and names it.
- Targets outside the package (``datetime.date``, ``ValueError``) become plain code: the site is
  built without network access to other projects' inventories.

**Parameters documented together.** numpydoc allows ``start, end : int`` for several parameters
with one description; griffe then gives every one of them the first one's default. The
``CombinedParameters`` extension writes such an entry out once per name before parsing.

**attrs classes.** ``@attrs.frozen`` / ``@attrs.define`` classes have no ``__init__`` in their
source, so griffe sees no signature and flags every documented parameter as unknown. The
``AttrsInit`` extension imports each such class and gives it the ``__init__`` signature attrs
generated (a default built by a factory is shown as ``...``).
"""

from __future__ import annotations

import html
import inspect
import re

import griffe

ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|attr|data|obj|exc|const):`(~?)([A-Za-z_][\w.]*)`")


def _target(obj: griffe.Object, name: str) -> str | None:
    """Full path of ``name`` as seen from ``obj``, or ``None`` outside the package."""
    package = obj.package.name
    if name.split(".")[0] == package:
        return name
    first, _, rest = name.partition(".")
    scope = obj if obj.is_module or obj.is_class else obj.parent
    try:
        path = scope.resolve(first) if first != scope.name else scope.path
    except griffe.NameResolutionError:
        return None
    if not path.startswith(package + "."):
        return None
    return f"{path}.{rest}" if rest else path


def _exists(obj: griffe.Object, path: str) -> bool:
    try:
        obj.package[path.split(".", 1)[1]] if "." in path else obj.package
    except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        return False
    return True


def rewrite(obj: griffe.Object, text: str) -> str:
    """``text`` with every Sphinx role replaced by a cross-reference or plain code."""

    def link(match: re.Match) -> str:
        short, name = match.group(1) == "~", match.group(2)
        title = name.rsplit(".", 1)[-1] if short else name
        target = _target(obj, name)
        if target is None:
            return f"`{title}`"
        if not _exists(obj, target):
            return f"[`{title}`][{target}]"  # unresolvable: the strict build reports it
        return f'<autoref identifier="{html.escape(target)}" optional><code>{html.escape(title)}</code></autoref>'

    return ROLE.sub(link, text)


class SphinxRoles(griffe.Extension):
    """Rewrite Sphinx roles in every docstring of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs) -> None:
        stack = [pkg]
        while stack:
            obj = stack.pop()
            if obj.docstring is not None:
                obj.docstring.value = rewrite(obj, obj.docstring.value)
            stack.extend(m for m in obj.members.values() if not m.is_alias)


_PARAMETER_KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: griffe.ParameterKind.positional_only,
    inspect.Parameter.POSITIONAL_OR_KEYWORD: griffe.ParameterKind.positional_or_keyword,
    inspect.Parameter.VAR_POSITIONAL: griffe.ParameterKind.var_positional,
    inspect.Parameter.KEYWORD_ONLY: griffe.ParameterKind.keyword_only,
    inspect.Parameter.VAR_KEYWORD: griffe.ParameterKind.var_keyword,
}


def _is_attrs(cls: griffe.Class) -> bool:
    return any(str(d.callable_path).split(".")[0] in {"attrs", "attr"} for d in cls.decorators)


def _init_from_runtime(cls: griffe.Class) -> griffe.Function:
    runtime = griffe.dynamic_import(cls.path)
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for p in inspect.signature(runtime).parameters.values():
        if p.default is inspect.Parameter.empty:
            default = None
        elif type(p.default).__name__ == "_Nothing":  # attrs.NOTHING: the default comes from a factory
            default = "..."
        else:
            default = repr(p.default)
        annotation = None if p.annotation is inspect.Parameter.empty else str(p.annotation)
        parameters.append(
            griffe.Parameter(p.name, annotation=annotation, kind=_PARAMETER_KINDS[p.kind], default=default)
        )
    return griffe.Function("__init__", parameters=griffe.Parameters(*parameters), returns="None", parent=cls)


class AttrsInit(griffe.Extension):
    """Give every attrs class of a loaded package the ``__init__`` signature attrs generates."""

    def on_package(self, *, pkg: griffe.Module, **kwargs) -> None:
        stack = [pkg]
        while stack:
            obj = stack.pop()
            if obj.is_class and _is_attrs(obj) and "__init__" not in obj.members:
                obj.set_member("__init__", _init_from_runtime(obj))
            stack.extend(m for m in obj.members.values() if not m.is_alias and (m.is_module or m.is_class))


_SECTIONS_WITH_NAMES = {"Parameters", "Other Parameters", "Attributes"}
_COMBINED = re.compile(r"^(?P<indent>\s*)(?P<names>[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)(?P<rest>\s*:.*)?$")


def split_combined_parameters(text: str) -> str:
    """Write ``a, b : type`` entries of numpydoc name sections out once per name."""
    lines = text.split("\n")
    out: list[str] = []
    section, base = None, ""
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and re.fullmatch(r"\s*-{3,}\s*", lines[i + 1]) and line.strip():
            section, base = line.strip(), line[: len(line) - len(line.lstrip())]
            out += [line, lines[i + 1]]
            i += 2
            continue
        match = _COMBINED.match(line)
        if section in _SECTIONS_WITH_NAMES and match and match["indent"] == base:
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > len(base)):
                j += 1
            body = lines[i + 1 : j]
            while body and not body[-1].strip():
                body.pop()
            for name in re.split(r"\s*,\s*", match["names"]):
                out += [f"{base}{name}{match['rest'] or ''}", *body]
            out += [""] * (j - i - 1 - len(body))
            i = j
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


class CombinedParameters(griffe.Extension):
    """Split ``a, b : type`` parameter entries of every docstring of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **kwargs) -> None:
        stack = [pkg]
        while stack:
            obj = stack.pop()
            if obj.docstring is not None:
                obj.docstring.value = split_combined_parameters(obj.docstring.value)
            stack.extend(m for m in obj.members.values() if not m.is_alias)
