"""No class of ours shadows a name of its Textual base classes by accident.

A method or attribute that happens to share a name with one of Textual's
(``HamishApp._flush`` did: Textual calls ``App._flush(stderr=...)`` whenever
stdout is flushed) breaks Textual from inside, far from the cause.  So every
App, Screen, Widget, Message and command Provider under ``reader`` is checked:
the names its class body defines, and the ``self.name = ...`` it assigns,
against every name Textual's classes in its MRO define or assign.  A clash is
allowed only for Textual's documented override points, listed here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from functools import cache

import pytest
from textual.command import Provider
from textual.dom import DOMNode
from textual.message import Message

import reader

# Names Textual means subclasses to define, and prefixes of its handler,
# action and reactive-method conventions.
OVERRIDE_POINTS = {
    "AUTO_FOCUS",
    "BINDINGS",
    "bindings_changed",  # Footer: its screen's bindings signal (KeysFooter compares first)
    "COMMANDS",
    "COMPONENT_CLASSES",
    "CSS",
    "CSS_PATH",
    "DEFAULT_CLASSES",
    "DEFAULT_CSS",
    "ENABLE_COMMAND_PALETTE",
    "SUB_TITLE",
    "TITLE",
    "check_action",
    "compose",
    "discover",  # Provider
    "error_console",  # App: where its crash traceback goes (kept for the crash report)
    "get_content_height",
    "get_content_width",
    "get_default_screen",
    "get_driver_class",  # App: input that survives bytes that are not UTF-8
    "get_key_display",  # App: key names from the config pass the boundary
    "get_theme_variable_defaults",
    "notify",  # App: every notice passes the boundary
    "notify_style_update",
    "render",
    "render_line",
    "search",  # Provider
    "shutdown",  # Provider
    "startup",  # Provider
}
OVERRIDE_PREFIXES = ("action_", "watch_", "validate_", "compute_", "on_")
TEXTUAL_KINDS = (DOMNode, Message, Provider)


def our_classes() -> list[type]:
    """Every Textual subclass defined in a module of ``reader``, nested ones too."""
    found: list[type] = []

    def visit(owner: object, module: str) -> None:
        for value in vars(owner).values():
            if inspect.isclass(value) and value.__module__ == module and value not in found:
                if issubclass(value, TEXTUAL_KINDS):
                    found.append(value)
                visit(value, module)

    for info in pkgutil.walk_packages(reader.__path__, "reader."):
        if info.name.endswith("__main__"):  # runs the program
            continue
        module = importlib.import_module(info.name)
        visit(module, module.__name__)
    return found


def assigned_on_self(cls: type) -> set[str]:
    """Names a class's own methods assign as ``self.name = ...``."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return set()
    names = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            names.add(node.attr)
    return names


@cache
def textual_names(base: type) -> frozenset[str]:
    """What one Textual class defines in its body or assigns on its instances."""
    return frozenset(vars(base)) | frozenset(assigned_on_self(base))


def textual_bases(cls: type) -> list[type]:
    return [b for b in cls.__mro__ if b.__module__.split(".")[0] == "textual"]


def is_settable_state(bases: list[type], name: str) -> bool:
    """A public reactive or settable property: assigning it is using Textual, not shadowing it."""
    if name.startswith("_"):
        return False
    for base in bases:
        attr = vars(base).get(name)
        if attr is not None:
            return hasattr(attr, "__set__") and getattr(attr, "fset", True) is not None
    return False


def allowed(name: str) -> bool:
    return (
        name in OVERRIDE_POINTS
        or name.startswith(OVERRIDE_PREFIXES)
        or (name.startswith("__") and name.endswith("__"))
    )


def clashes(cls: type) -> list[str]:
    bases = textual_bases(cls)
    theirs: set[str] = set().union(*(textual_names(b) for b in bases))
    # What Textual itself puts into every subclass's body (binding maps and the like).
    probe = type("Probe", (bases[0],), {})
    defined = set(vars(cls)) - set(vars(probe))
    found = [f"{cls.__qualname__}.{n} (defined)" for n in defined if n in theirs]
    found += [
        f"{cls.__qualname__}.{n} (assigned)"
        for n in assigned_on_self(cls) - defined
        if n in theirs and not is_settable_state(bases, n)
    ]
    return sorted(f for f in found if not allowed(f.split(".")[-1].split(" ")[0]))


CLASSES = our_classes()


def test_the_walk_finds_the_app_screens_and_widgets() -> None:
    names = {c.__name__ for c in CLASSES}
    assert {"HamishApp", "ReaderScreen", "LibraryScreen", "ArticleView", "QueryInput"} <= names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__qualname__)
def test_no_name_shadows_textual(cls: type) -> None:
    assert clashes(cls) == []


def test_the_check_catches_a_shadowed_private_method() -> None:
    from textual.app import App
    from textual.widget import Widget

    class Flushing(App[None]):
        def _flush(self) -> bool:  # what HamishApp had
            return True

    class Anchored(Widget):
        def __init__(self) -> None:
            super().__init__()
            self._nodes = ()  # an instance attribute of Widget's

        @property
        def anchor(self) -> int:  # shadows Widget.anchor()
            return 0

    assert clashes(Flushing) == [f"{Flushing.__qualname__}._flush (defined)"]
    assert clashes(Anchored) == [
        f"{Anchored.__qualname__}._nodes (assigned)",
        f"{Anchored.__qualname__}.anchor (defined)",
    ]
