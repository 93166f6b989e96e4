"""Key remaps from ``[keys]`` in the config, checked before Textual gets them.

A remap names a binding by its id and gives one key or several
(``"ctrl+f,f3"``).  Each key must be a name Textual gives a key press
(``ctrl+f``, ``pageup``, ``question_mark``, ``?``), and must not already do
something else where the binding works.  A remap that fails either check is
reported by its config key and left out: the binding keeps its default keys.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.keys import (
    KEY_ALIASES,
    KEY_NAME_REPLACEMENTS,
    REPLACED_KEYS,
    Keys,
    key_to_character,
)

from reader.config.toml_io import toml_key, toml_string

MODIFIERS = frozenset({"shift", "ctrl", "alt", "super", "hyper", "meta"})
"""The modifiers Textual puts before a key's name (``ctrl+shift+up``)."""

NAMED_KEYS = frozenset(k.value for k in Keys if "+" not in k.value and not k.value.startswith("<"))
"""Keys that are not characters: ``escape``, ``up``, ``pageup``, ``f1``, ``space`` ..."""

_ALIAS_OF = {alias: key for key, aliases in KEY_ALIASES.items() for alias in aliases}


def character_key(ch: str) -> str:
    """The name Textual gives the key that types ``ch``: ``a``, ``slash``, ``question_mark``."""
    if ch.isalnum():
        return ch
    try:
        name = unicodedata.name(ch).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return ch
    return KEY_NAME_REPLACEMENTS.get(name, name)


def key_name(key: str) -> str | None:
    """``key`` as Textual names a key press (``?`` is ``question_mark``), or
    None when no key press has that name."""
    *modifiers, base = key.strip().split("+")
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return None
    if len(base) == 1:
        if not base.isprintable() or base.isspace():
            return None
        base = character_key(base)
    elif base not in NAMED_KEYS:
        ch = key_to_character(REPLACED_KEYS.get(base, base))
        if ch is None or not ch.isprintable() or character_key(ch) != base:
            return None
    return "+".join([*modifiers, base])


@dataclass(frozen=True)
class _Bound:
    """One binding as the check sees it: its id (if any), what it does, its keys."""

    id: str | None
    action: str
    keys: frozenset[str]

    @property
    def who(self) -> str:
        """How a message names it: its id, else its action."""
        return self.id or self.action


def _bindings(owner: type) -> list[Binding]:
    """``owner``'s bindings with those it inherits, as Textual merges them."""
    found: list[Binding] = []
    for cls in owner.__mro__:
        for b in vars(cls).get("BINDINGS", []):
            if isinstance(b, Binding):
                found.append(b)
    return found


def _same(key: str) -> str:
    return _ALIAS_OF.get(key, key)


def _names(keys: str) -> frozenset[str]:
    return frozenset(_same(key_name(k) or k.strip()) for k in keys.split(","))


def check_keymap(
    remaps: Mapping[str, str], contexts: Sequence[Iterable[type]], where: str
) -> tuple[dict[str, str], list[str]]:
    """The remaps Textual may be given, and one ``where: keys.ID: problem`` line each
    for the others.

    ``contexts`` lists the classes whose bindings work together (the app, a
    screen, the widgets on it): a key may do one thing in each.
    """
    groups = [
        [_Bound(b.id, b.action, _names(b.key)) for o in c for b in _bindings(o)] for c in contexts
    ]
    defaults = {b.id: b.keys for group in groups for b in group if b.id}
    problems: dict[str, str] = {}  # by binding id, said in the file's order
    wanted: dict[str, frozenset[str]] = {}
    for binding_id, keys in remaps.items():
        bad = [k for k in keys.split(",") if key_name(k) is None]
        if binding_id not in defaults:
            problems[binding_id] = "no binding has this id"
        elif bad:
            problems[binding_id] = f"unknown key {toml_string(bad[0].strip())}; ignored"
        else:
            wanted[binding_id] = _names(keys)
    # A remap may take a key another remap gives up: check against the keys
    # every binding ends up with, and drop a clashing remap until none clash.
    while True:
        clash = _first_clash(groups, defaults, wanted)
        if clash is None:
            break
        binding_id, key, other = clash
        order = list(wanted)
        later = other in wanted and order.index(other) > order.index(binding_id)
        if later and key not in defaults[other]:
            binding_id, other = other, binding_id  # two remaps want a new key: the first wins
        del wanted[binding_id]
        given = [k.strip() for k in remaps[binding_id].split(",") if _names(k) == {key}]
        problems[binding_id] = f"{toml_string(given[0])} is already bound to {other}; ignored"
    keymap = {
        binding_id: ",".join(key_name(k) or k for k in remaps[binding_id].split(","))
        for binding_id in wanted
    }
    lines = [f"{where}: keys.{toml_key(b)}: {problems[b]}" for b in remaps if b in problems]
    return keymap, lines


def _first_clash(
    groups: list[list[_Bound]],
    defaults: Mapping[str, frozenset[str]],
    wanted: Mapping[str, frozenset[str]],
) -> tuple[str, str, str] | None:
    """The first remap (id, key, the other binding) whose new key does something else."""
    for binding_id, keys in wanted.items():
        new = keys - defaults.get(binding_id, frozenset())
        for group in groups:
            actions = {b.action for b in group if b.id == binding_id}
            if not actions:
                continue
            for other in group:
                if other.id == binding_id or other.action in actions:
                    continue
                now = wanted.get(other.id, other.keys) if other.id else other.keys
                taken = new & now
                if taken:
                    return binding_id, sorted(taken)[0], other.who
    return None
