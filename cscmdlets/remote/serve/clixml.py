"""A fast reader for CREATE_PIPELINE messages (MS-PSRP 2.2.2.10), beside psrpcore's.

psrpcore turns every CLIXML node into a PSObject, about 1 ms per received statement, so a
1,000-call batch spent seconds being parsed. This reader walks the ElementTree for the few
fields the server uses (commands, their names, merge flags and arguments) and hands each
argument value to psrpcore's own deserializer unless it is a plain scalar. Anything it does
not recognise (``<Ref>`` object references, a missing property) and any SecureString (the
session key is psrpcore's) returns ``None``, and the message goes through psrpcore unchanged.
"""

from __future__ import annotations

import copy
import decimal
import gc
import threading
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from psrpcore import types as pst

from ..xmlstring import decode as _decode_escapes

__all__ = ["WireCommand", "WirePipeline", "read_create_pipeline"]

Deserialize = Callable[[ET.Element], Any]


def _deserialize_string(text: str) -> str:
    """psrpcore's ``_xHHHH_`` decoding, skipped for the common text that has none."""
    return _decode_escapes(text) if "_x" in text or "_X" in text else text


_SCALARS: dict[str, Callable[[str], Any]] = {
    "S": _deserialize_string,
    "B": lambda text: text.strip().lower() == "true",
    "I32": int,
    "I64": int,
    "I16": int,
    "U16": int,
    "U32": int,
    "U64": int,
    "By": int,
    "SB": int,
    "G": uuid.UUID,
    "Db": float,
    "Sg": float,
    "D": decimal.Decimal,
}


@dataclass
class WireCommand:
    """One received command, with the attributes of psrpcore's ``Command`` the server reads."""

    command_text: str
    is_script: bool
    parameters: list[tuple[str | None, Any]] = field(default_factory=list)
    end_of_statement: bool = False
    merge_error: pst.PipelineResultTypes = pst.PipelineResultTypes.none
    merge_warning: pst.PipelineResultTypes = pst.PipelineResultTypes.none
    merge_verbose: pst.PipelineResultTypes = pst.PipelineResultTypes.none
    merge_information: pst.PipelineResultTypes = pst.PipelineResultTypes.none


@dataclass
class WirePipeline:
    no_input: bool
    commands: list[WireCommand]


class _CollectorPause:
    """Pauses Python's cyclic garbage collector while big trees are built, on any thread.

    Building the tree of a 1,000-call batch creates some 65,000 elements, and the collector
    would walk the whole heap again and again meanwhile: half the parse time. Elements hold
    no reference cycles, so reference counting frees them anyway. A count of the pauses in
    progress makes the last one out restore the collector's state from before the first.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active = 0
        self.was_enabled = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self.lock:
            if self.active == 0:
                self.was_enabled = gc.isenabled()
                gc.disable()
            self.active += 1
        try:
            yield
        finally:
            with self.lock:
                self.active -= 1
                if self.active == 0 and self.was_enabled:
                    gc.enable()


collector_paused = _CollectorPause()


class _Unrecognised(Exception):
    """The message is not in the shape this reader knows: let psrpcore read it."""


def _props(parent: ET.Element | None) -> dict[str | None, ET.Element]:
    """An ``<MS>``'s properties by their ``N=`` name (one pass, not one search per name)."""
    if parent is None:
        raise _Unrecognised("MS")
    return {child.get("N"): child for child in parent}


def _child(parent: ET.Element | None, tag: str, name: str) -> ET.Element:
    element = _props(parent).get(name)
    if element is None or element.tag != tag:
        raise _Unrecognised(name)
    return element


def _optional(parent: ET.Element, tag: str, name: str) -> ET.Element | None:
    element = _props(parent).get(name)
    return element if element is not None and element.tag == tag else None


def _merge(props: dict[str | None, ET.Element], name: str) -> pst.PipelineResultTypes:
    element = props.get(name)
    number = element.findtext("I32") if element is not None else None
    return pst.PipelineResultTypes(int(number)) if number else pst.PipelineResultTypes.none


class _Reader:
    def __init__(self, root: ET.Element, deserialize: Deserialize) -> None:
        self.types = {tn.get("RefId"): tn for tn in root.iter("TN")}
        self.deserialize = deserialize

    def value(self, element: ET.Element) -> Any:
        if element.tag == "Nil":
            return None
        scalar = _SCALARS.get(element.tag)
        if scalar is not None:
            return scalar(element.text or "")
        # An object: psrpcore reads it, with type names referenced from elsewhere inlined.
        own = copy.deepcopy(element)
        for parent in own.iter():
            for index, child in enumerate(list(parent)):
                if child.tag == "TNRef" and child.get("RefId") in self.types:
                    parent[index] = copy.deepcopy(self.types[child.get("RefId")])
        return self.deserialize(own)

    def command(self, obj: ET.Element) -> WireCommand:
        props = _props(obj.find("MS"))
        name, script, args = props.get("Cmd"), props.get("IsScript"), props.get("Args")
        if name is None or script is None or args is None:
            raise _Unrecognised("Command")
        command = WireCommand(_deserialize_string(name.text or ""), (script.text or "").strip().lower() == "true")
        for argument in args.iterfind("LST/Obj"):
            pair = argument.find("MS")
            if pair is None or len(pair) != 2:
                raise _Unrecognised("CommandParameter")
            key, value = pair[0], pair[1]
            parameter = None if key.tag == "Nil" else _deserialize_string(key.text or "")
            command.parameters.append((parameter, self.value(value)))
        command.merge_error, command.merge_warning = _merge(props, "MergeError"), _merge(props, "MergeWarning")
        command.merge_verbose = _merge(props, "MergeVerbose")
        command.merge_information = _merge(props, "MergeInformation")
        return command

    def statements(self, powershell: ET.Element) -> list[list[WireCommand]]:
        extra = _optional(powershell, "Obj", "ExtraCmds")
        lists = [s.find("MS") for s in extra.iterfind("LST/Obj")] if extra is not None else [powershell]
        return [[self.command(obj) for obj in _child(ms, "Obj", "Cmds").iterfind("LST/Obj")] for ms in lists]


def _read_pipeline(root: ET.Element, deserialize: Deserialize) -> WirePipeline | None:
    ms = root.find("MS")
    no_input = (_child(ms, "B", "NoInput").text or "").strip().lower() == "true"
    powershell = _child(ms, "Obj", "PowerShell").find("MS")
    if powershell is None:
        return None
    commands: list[WireCommand] = []
    for statement in _Reader(root, deserialize).statements(powershell):
        if not statement:
            return None
        statement[-1].end_of_statement = True
        commands.extend(statement)
    return WirePipeline(no_input, commands)


def read_create_pipeline(data: bytes, deserialize: Deserialize) -> WirePipeline | None:
    """Read a CREATE_PIPELINE body, or return ``None`` for psrpcore to read it."""
    if b"<Ref " in data or b"<SS" in data:  # a SecureString needs the pool's session key: psrpcore's
        return None
    try:
        with collector_paused():  # the tree is read and dropped before the collector runs again
            return _read_pipeline(ET.fromstring(data), deserialize)
    except (_Unrecognised, ET.ParseError, ValueError, AssertionError):
        return None
