"""Members a script adds to one object with Add-Member (about_Object_Creation, "Add-Member";
learn.microsoft.com/powershell/module/microsoft.powershell.utility/add-member).

A note property added to a ``[pscustomobject]`` is simply one more of its properties. An object
that is not a PSObject — a cmdlet's output model — cannot hold members of its own, so PowerShell
keeps them in a table keyed by the object itself (PSObject.cs, ``s_instanceMembersResurrectionTable``,
a ConditionalWeakTable): ``$user | Add-Member …`` then shows on ``$user`` and on the same object
in ``$users``. :data:`_ADDED` is that table: keyed by identity, an entry goes when its object does.
Alias and script properties live there for every object, as they are computed when read.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .values import PSObject

__all__ = [
    "AddedMember",
    "add_member",
    "added_members",
    "added_properties",
    "find_added",
    "has_member",
    "member_names",
    "read_added",
    "with_added",
]


@dataclass(frozen=True)
class AddedMember:
    """One added member: its name as written, its PSMemberTypes name, and how to read it
    (a note's value, an alias's target name, a script property's getter)."""

    name: str
    member_type: str
    value: Any
    #: A script property's script, as Get-Member's definition shows it.
    script: str = ""


#: id(object) → its added members by lower-case name, in the order they were added.
_ADDED: dict[int, dict[str, AddedMember]] = {}


def added_members(value: Any) -> list[AddedMember]:
    """The members a script added to ``value`` (computed ones, and notes on a non-PSObject)."""
    table = _ADDED.get(id(value))
    return list(table.values()) if table else []


def added_properties(value: Any) -> list[AddedMember]:
    """The added members that are properties (a ScriptMethod is not a column)."""
    return [member for member in added_members(value) if member.member_type != "ScriptMethod"]


def _own_names(value: Any) -> list[str]:
    """The properties an object has without Add-Member: a PSObject's or a model's."""
    to_ps = getattr(value, "to_ps", None)
    return list(to_ps()) if callable(to_ps) else []


def member_names(value: Any) -> list[str]:
    """Every property name, added ones last (Select-Object *, Export-Csv's header)."""
    names = _own_names(value)
    return names + [member.name for member in added_properties(value)]


def find_added(value: Any, name: str) -> AddedMember | None:
    """The member called ``name`` a script added to ``value``, if any."""
    table = _ADDED.get(id(value))
    return table.get(name.lower()) if table else None


def has_member(value: Any, name: str) -> AddedMember | str | None:
    """The existing member called ``name``: an added one, else the name of an own property."""
    found = find_added(value, name)
    if found is not None:
        return found
    return next((own for own in _own_names(value) if own.lower() == name.lower()), None)


def add_member(value: Any, member: AddedMember) -> None:
    """Add (or replace) ``member``: a note on a PSObject becomes one of its properties."""
    table = _ADDED.get(id(value))
    if isinstance(value, PSObject) and member.member_type == "NoteProperty":
        if table:
            table.pop(member.name.lower(), None)
        value.set(member.name, member.value)
        return
    if table is None:
        table = _ADDED[id(value)] = {}
        weakref.finalize(value, _ADDED.pop, id(value), None)
    if isinstance(value, PSObject) and value.has(member.name):
        value.remove(member.name)
    table[member.name.lower()] = member


def read_added(value: Any, member: AddedMember, read: Callable[[Any, str], Any]) -> Any:
    """An added member's value now; ``read`` reads a property by name (for an alias)."""
    if member.member_type == "AliasProperty":
        return read(value, str(member.value))
    if member.member_type == "ScriptProperty":
        return member.value(value, [])
    return member.value


def with_added(value: Any, read: Callable[[Any, str], Any]) -> Any:
    """``value`` as the formatter and ConvertTo-Json see it: when members were added, a
    PSObject of every property (added ones last) with the object's type names."""
    added = added_properties(value)
    if not added:
        return value
    own = [(name, read(value, name)) for name in _own_names(value)]
    extra = [(member.name, read_added(value, member, read)) for member in added]
    return PSObject(own + extra, tuple(getattr(value, "ps_type_names", ("System.Object",))))
