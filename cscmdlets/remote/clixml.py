"""CLIXML for commands, built directly: the passthrough's fast path for big batches.

pypsrp serialises each ``Command`` through its generic object serializer, about 1 ms per
command, so a 1,000-call batch (2,000 statements with the markers) spent seconds before a
byte was sent. When every argument is a plain scalar, the same XML pypsrp would produce
(MS-PSRP 2.2.3.12 Command, 2.2.3.13 CommandParameter) is built here with ElementTree and
handed to pypsrp, whose serializer embeds ready elements as they are. Any other value
(lists, SecureStrings, objects) leaves the command to pypsrp. RefIds come from a
process-wide counter far above pypsrp's own, so the message never reuses one.
"""

from __future__ import annotations

import itertools
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MERGE_NONE", "MERGE_OUTPUT", "SharedTypes", "command_element", "is_scalar"]

_REF_IDS = itertools.count(1 << 40)
_RESULT_TYPES = ("System.Management.Automation.Runspaces.PipelineResultTypes", "System.Enum", "System.ValueType",
                 "System.Object")
_ARGS_TYPES = ("System.Collections.Generic.List`1[[System.Management.Automation.PSObject, System.Management."
               "Automation, Version=1.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]", "System.Object")
_INT32 = range(-(2**31), 2**31)

#: (MergeMyResult, MergeToResult, MergePreviousResults, Error, Warning, Verbose, Debug, Information)
MERGE_NONE = (0, 0, 0, 0, 0, 0, 0, 0)
#: ``2>&1 3>&1 4>&1``: errors, warnings and verbose records into output, in order.
MERGE_OUTPUT = (2, 1, 0, 1, 1, 1, 0, 0)
_MERGE_NAMES = ("MergeMyResult", "MergeToResult", "MergePreviousResults")
_MERGE_NAMES_22 = ("MergeError", "MergeWarning", "MergeVerbose", "MergeDebug", "MergeInformation")


def _ref() -> str:
    return str(next(_REF_IDS))


@dataclass
class SharedTypes:
    """The two type-name lists every command of one message repeats, written once.

    The first element built writes ``<TN RefId=…>``; every later one, which pypsrp places
    after it in the document, writes ``<TNRef RefId=…/>``, as pypsrp's serializer does.
    """

    results: str = field(default_factory=_ref)
    arguments: str = field(default_factory=_ref)
    written: set[str] = field(default_factory=set)

    def write(self, parent: ET.Element, ref: str, names: Iterable[str]) -> None:
        if ref in self.written:
            ET.SubElement(parent, "TNRef", RefId=ref)
            return
        self.written.add(ref)
        tn = ET.SubElement(parent, "TN", RefId=ref)
        for name in names:
            ET.SubElement(tn, "T").text = name


def _merge(parent: ET.Element, name: str, value: int, types: SharedTypes) -> None:
    obj = ET.SubElement(parent, "Obj", RefId=_ref(), N=name)
    types.write(obj, types.results, _RESULT_TYPES)
    # No <ToString>: it is display text, and an enum is read from its value (MS-PSRP 2.2.5.2.8).
    ET.SubElement(obj, "I32").text = str(value)


def _scalar(value: Any, encode: Any) -> tuple[str, str | None] | None:
    """(tag, text) of a plain scalar as pypsrp would tag it; ``None`` for anything else."""
    from pypsrp.serializer import TaggedValue

    if value is None:
        return "Nil", None
    kind = type(value)
    if kind is bool:
        return "B", "true" if value else "false"
    if kind is int:
        return ("I32", str(value)) if value in _INT32 else ("I64", str(value))
    if kind is str:
        return "S", encode(value)
    if kind is uuid.UUID:
        return "G", str(value)
    if isinstance(value, TaggedValue) and value.tag in {"I64", "Db", "D"}:
        return value.tag, str(value.value)
    return None


def is_scalar(value: Any) -> bool:
    """Whether :func:`command_element` can write ``value`` itself."""
    return _scalar(value, str) is not None


def command_element(name: str, arguments: Iterable[tuple[str | None, Any]], merges: tuple[int, ...],
                    *, encode: Any, types: SharedTypes) -> ET.Element | None:
    """The ``<Obj>`` of one Command, or ``None`` when an argument needs pypsrp's serializer.

    Args:
        name: the command name (sent as ``Cmd`` with ``IsScript`` false: never parsed).
        arguments: ``(parameter name or None for positional, value)`` pairs.
        merges: one of :data:`MERGE_NONE`, :data:`MERGE_OUTPUT`.
        encode: pypsrp's string encoder (``Serializer._serialize_string``: ``_xHHHH_`` escapes).
        types: the message's shared type names.

    The optional protocol-2.2 merge properties are left out when they are ``None``, as a
    protocol-2.1 client sends no such properties at all.
    """
    scalars = []
    for parameter, value in arguments:
        scalar = _scalar(value, encode)
        if scalar is None:
            return None
        scalars.append((parameter, scalar))
    obj = ET.Element("Obj", RefId=_ref())
    ms = ET.SubElement(obj, "MS")
    ET.SubElement(ms, "S", N="Cmd").text = encode(name)
    ET.SubElement(ms, "B", N="IsScript").text = "false"
    ET.SubElement(ms, "Nil", N="UseLocalScope")
    for merge_name, value in zip(_MERGE_NAMES, merges[:3], strict=True):
        _merge(ms, merge_name, value, types)
    _arguments(ms, scalars, types)
    for merge_name, value in zip(_MERGE_NAMES_22, merges[3:], strict=True):
        if value:
            _merge(ms, merge_name, value, types)
    return obj


def _arguments(ms: ET.Element, scalars: list[tuple[str | None, tuple[str, str | None]]], types: SharedTypes) -> None:
    args = ET.SubElement(ms, "Obj", RefId=_ref(), N="Args")
    types.write(args, types.arguments, _ARGS_TYPES)
    lst = ET.SubElement(args, "LST")
    for parameter, (tag, text) in scalars:
        props = ET.SubElement(ET.SubElement(lst, "Obj", RefId=_ref()), "MS")
        if parameter is None:
            ET.SubElement(props, "Nil", N="N")
        else:
            ET.SubElement(props, "S", N="N").text = encode_name(parameter)
        ET.SubElement(props, tag, N="V").text = text


def encode_name(name: str) -> str:
    return name  # parameter names come from metadata: letters only
