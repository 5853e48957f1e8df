"""CREATE_PIPELINE written directly: the passthrough's fast path for big batches.

pypsrp packs a pipeline through its generic object serializer and ElementTree, about
0.5 ms per statement, so a 1,000-call batch (2,000 statements with the markers) spent most
of its time before a byte was sent. When every argument of every command is a plain
scalar, this module writes the same CLIXML pypsrp would (MS-PSRP 2.2.2.10 CREATE_PIPELINE,
2.2.3.11 PowerShell, 2.2.3.12 Command, 2.2.3.13 CommandParameter) as text, and sends it
through pypsrp's shell, in fragments as [MS-PSRP] 2.2.4 lays them out (``fragments.py``).
The message envelope (NoInput, ApartmentState, RemoteStreamOptions, HostInfo) is still
serialised by pypsrp (``RunspacePool.serialize``), from the pool's settings.

Everything else (lists, SecureStrings, objects) goes through pypsrp unchanged.
"""

from __future__ import annotations

import base64
import functools
import itertools
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from . import fragments, notes, xmlstring

if TYPE_CHECKING:
    from pypsrp.powershell import PowerShell

__all__ = ["MERGE_NONE", "MERGE_OUTPUT", "WireCommand", "begin_prepacked", "is_scalar", "pipeline_xml"]


_RESULT_TYPES = (
    "System.Management.Automation.Runspaces.PipelineResultTypes",
    "System.Enum",
    "System.ValueType",
    "System.Object",
)
_INT32 = range(-(2**31), 2**31)
_PLACEHOLDER = "cscmdlets-statements-{}"

#: (MergeMyResult, MergeToResult, MergePreviousResults, Error, Warning, Verbose, Debug, Information)
MERGE_NONE = (0, 0, 0, 0, 0, 0, 0, 0)
#: ``2>&1 3>&1 4>&1``: errors, warnings and verbose records into output, in order.
MERGE_OUTPUT = (2, 1, 0, 1, 1, 1, 0, 0)
_MERGE_NAMES = (
    "MergeMyResult",
    "MergeToResult",
    "MergePreviousResults",
    "MergeError",
    "MergeWarning",
    "MergeVerbose",
    "MergeDebug",
    "MergeInformation",
)


@dataclass(frozen=True)
class WireCommand:
    """One command to write: its name, ``(parameter or None, value)`` pairs, merge flags."""

    name: str
    arguments: Sequence[tuple[str | None, Any]]
    merges: tuple[int, ...] = MERGE_NONE
    end_of_statement: bool = False


def _scalar(value: Any) -> tuple[str, str | None] | None:
    """(tag, raw text) of a plain scalar, tagged as pypsrp would; ``None`` for anything else."""
    from pypsrp.serializer import TaggedValue

    if value is None:
        return "Nil", None
    kind = type(value)
    if kind is bool:
        return "B", "true" if value else "false"
    if kind is int:
        return ("I32", str(value)) if value in _INT32 else ("I64", str(value))
    if kind is str:
        return "S", value
    if kind is uuid.UUID:
        return "G", str(value)
    if isinstance(value, TaggedValue) and value.tag in {"I64", "Db", "D"}:
        return value.tag, str(value.value)
    return None


def is_scalar(value: Any) -> bool:
    """Whether :func:`pipeline_xml` can write ``value`` itself."""
    return _scalar(value) is not None


@dataclass
class _Writer:
    """Writes commands; the type names are written once, then referenced (as pypsrp does)."""

    encode: Any
    list_types: str
    first_ref_id: int
    written: bool = False

    def __post_init__(self) -> None:
        self.ref_ids = itertools.count(self.first_ref_id)
        self.results = self.ref_id()

    def ref_id(self) -> str:
        return str(next(self.ref_ids))

    def text(self, value: str) -> str:
        return str(escape(self.encode(value)))

    def merge(self, name: str, value: int) -> str:
        if self.written:
            types = f'<TNRef RefId="{self.results}" />'
        else:
            self.written = True
            types = f'<TN RefId="{self.results}">' + "".join(f"<T>{t}</T>" for t in _RESULT_TYPES) + "</TN>"
        # No <ToString>: it is display text; an enum is read from its value (MS-PSRP 2.2.5.2.8).
        return f'<Obj RefId="{self.ref_id()}" N="{name}">{types}<I32>{value}</I32></Obj>'

    def argument(self, parameter: str | None, value: Any) -> str:
        tag, raw = _scalar(value) or ("S", "")
        name = '<Nil N="N" />' if parameter is None else f'<S N="N">{self.text(parameter)}</S>'
        body = f'<{tag} N="V" />' if raw is None else f'<{tag} N="V">{self.text(raw) if tag == "S" else raw}</{tag}>'
        return f'<Obj RefId="{self.ref_id()}"><MS>{name}{body}</MS></Obj>'

    def command(self, command: WireCommand) -> str:
        pairs = list(zip(_MERGE_NAMES, command.merges, strict=True))
        required = "".join(self.merge(n, v) for n, v in pairs[:3])
        # The optional protocol-2.2 merges are left out when None, as a 2.1 client sends none.
        optional = "".join(self.merge(n, v) for n, v in pairs[3:] if v)
        args = "".join(self.argument(p, v) for p, v in command.arguments)
        return (
            f'<Obj RefId="{self.ref_id()}"><MS><S N="Cmd">{self.text(command.name)}</S>'
            f'<B N="IsScript">false</B><Nil N="UseLocalScope" />{required}'
            f'<Obj RefId="{self.ref_id()}" N="Args"><TNRef RefId="{self.list_types}" /><LST>{args}</LST></Obj>'
            f"{optional}</MS></Obj>"
        )

    def statement(self, commands: Iterable[WireCommand]) -> str:
        body = "".join(self.command(c) for c in commands)
        return (
            f'<Obj RefId="{self.ref_id()}"><MS><Obj RefId="{self.ref_id()}" N="Cmds">'
            f'<TNRef RefId="{self.list_types}" /><LST>{body}</LST></Obj></MS></Obj>'
        )


def _statements(commands: Sequence[WireCommand]) -> list[list[WireCommand]]:
    statements: list[list[WireCommand]] = [[]]
    for command in commands:
        statements[-1].append(command)
        if command.end_of_statement:
            statements.append([])
    return [s for s in statements if s]


def _envelope(ps: PowerShell) -> tuple[bytes, str]:
    """pypsrp's CREATE_PIPELINE for this pool with two placeholder statements, as text with
    placeholders where the statement lists go, and the RefId of the command-list type."""
    from pypsrp.complex_objects import ApartmentState, Command, HostInfo, Pipeline, RemoteStreamOptions
    from pypsrp.messages import CreatePipeline

    pool = ps.runspace_pool
    placeholders = [Command(f"p{i}", protocol_version=pool.protocol_version or "", is_script=False) for i in (0, 1)]
    for command in placeholders:
        command.end_of_statement = True
    pipeline = Pipeline(is_nested=False, cmds=placeholders, history=None, redirect_err_to_out=False)
    message = CreatePipeline(
        True,
        ApartmentState(value=pool.apartment_state),
        RemoteStreamOptions(value=RemoteStreamOptions.ADD_INVOCATION_INFO),
        False,
        HostInfo(host=pool.host),
        pipeline,
        False,
    )
    root: ET.Element | None = pool.serialize(message)
    if root is None:
        raise ValueError("pypsrp wrote no CREATE_PIPELINE")
    powershell = root.find("MS/Obj[@N='PowerShell']/MS")
    extra = powershell.find("Obj[@N='ExtraCmds']") if powershell is not None else None
    first = powershell.find("Obj[@N='Cmds']") if powershell is not None else None
    list_types = extra.find("TN") if extra is not None else None
    if extra is None or first is None or list_types is None:
        raise ValueError("pypsrp wrote an unexpected CREATE_PIPELINE")
    for index, element in enumerate((extra, first)):
        lst = element.find("LST")
        if lst is None:
            raise ValueError("pypsrp wrote an unexpected CREATE_PIPELINE")
        lst.clear()
        lst.text = _PLACEHOLDER.format(index)
    data: bytes = ET.tostring(root, encoding="utf-8")
    return data, str(list_types.get("RefId"))


def _encoder() -> Callable[[str], str]:
    """The CLIXML string escaping (``xmlstring.encode``, the same bytes pypsrp writes)."""
    return xmlstring.encode


def _cached_envelope(ps: PowerShell) -> tuple[bytes, str]:
    """The envelope depends only on the pool (apartment state, host, protocol), so each pool
    keeps it: building it through pypsrp costs several milliseconds a call."""
    pool = ps.runspace_pool
    key = (pool.protocol_version, pool.apartment_state, id(pool.host))
    cached = notes.ENVELOPE.get(pool)
    if cached is None or cached[0] != key:
        cached = (key, _envelope(ps))
        notes.ENVELOPE[pool] = cached
    return cached[1]


@functools.lru_cache(maxsize=8)
def _first_free_ref_id(envelope: bytes) -> int:
    """Above every RefId pypsrp wrote in the envelope (Obj and TN alike): the written ids
    stay unique within the message, as CLIXML RefIds must, and short."""
    return 1 + max(map(int, re.findall(rb'RefId="(\d+)"', envelope)), default=0)


def pipeline_xml(ps: PowerShell, commands: Sequence[WireCommand]) -> bytes:
    """The CREATE_PIPELINE body for ``commands`` (at least two statements)."""
    envelope, list_types = _cached_envelope(ps)
    writer = _Writer(_encoder(), list_types, _first_free_ref_id(envelope))
    statements = _statements(commands)
    extra = "".join(writer.statement(s) for s in statements)
    first = "".join(writer.command(c) for c in statements[0])
    for index, body in enumerate((extra, first)):
        envelope = envelope.replace(_PLACEHOLDER.format(index).encode(), body.encode("utf-8"), 1)
    return envelope


def begin_prepacked(ps: PowerShell, body: bytes) -> None:
    """``ps.begin_invoke()`` with a ready CREATE_PIPELINE body: the Command carries the first
    fragment, Sends the rest (as pypsrp's ``PowerShell.begin_invoke`` does)."""
    from pypsrp.complex_objects import PSInvocationState
    from pypsrp.messages import MessageType
    from pypsrp.wsman import NAMESPACES

    pool = ps.runspace_pool
    data = fragments.message(
        fragments.TO_SERVER, MessageType.CREATE_PIPELINE, uuid.UUID(pool.id), uuid.UUID(ps.id), body
    )
    pieces = fragments.fragments(fragments.next_object_id(), data, pool.connection.max_payload_size)
    pool.pipelines[ps.id] = ps
    response = pool.shell.command("", arguments=[base64.b64encode(pieces[0]).decode()], command_id=ps.id)
    command_id = response.find("rsp:CommandResponse/rsp:CommandId", NAMESPACES)
    # pypsrp's Receive and Signal read the WSMan CommandId from here; it has no public setter.
    ps._command_id = command_id.text if command_id is not None else ps.id
    ps.state = PSInvocationState.RUNNING
    for piece in pieces[1:]:
        pool.shell.send("stdin", piece, command_id=ps._command_id)
