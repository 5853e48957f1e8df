"""The fast paths against the reference implementations.

``clixml.pipeline_xml`` (text written by the passthrough) must mean what pypsrp's own
serializer writes, and ``serve.clixml.read_create_pipeline`` must read what psrpcore reads,
for the same commands: both are checked by reading each message with psrpcore.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from psrpcore import types as pst
from psrpcore._pipeline import PowerShell as CorePowerShell
from pypsrp.complex_objects import ApartmentState, HostInfo, Pipeline, RemoteStreamOptions
from pypsrp.messages import CreatePipeline
from pypsrp.powershell import PowerShell
from pypsrp.serializer import Serializer, TaggedValue

from cscmdlets.remote.clixml import MERGE_NONE, MERGE_OUTPUT, WireCommand, _envelope, pipeline_xml
from cscmdlets.remote.serve.clixml import read_create_pipeline

#: These pipelines carry no SecureString, so a provider that cannot decrypt is enough.
NO_SECURE_STRINGS = pst.PSCryptoProvider()

VALUES: list[Any] = [
    "plain",
    "a_xb _X41_",
    "tab\tnew\nline",
    "emoji \U0001f600",
    "<&>\"'",
    "",
    True,
    False,
    7,
    -(2**31),
    uuid.UUID(int=5),
    None,
    TaggedValue("Db", 0.5),
    TaggedValue("I64", 3),
]


class FakePool:
    protocol_version = "2.3"
    host = None
    apartment_state = 2

    def __init__(self) -> None:
        self.serializer = Serializer()
        self.id = str(uuid.uuid4()).upper()

    def serialize(self, obj: Any) -> ET.Element | None:
        """``RunspacePool.serialize``: the pool's serializer, from a clean state."""
        return self.serializer.serialize(obj)


def _commands() -> list[WireCommand]:
    commands = []
    for index, value in enumerate(VALUES):
        commands.append(
            WireCommand(
                f"Set-Thing{index}", [("Value", value), (None, "positional")], MERGE_OUTPUT, end_of_statement=True
            )
        )
        commands.append(WireCommand("Write-Output", [("InputObject", f"m{index}")], MERGE_NONE, end_of_statement=True))
    return commands


def _pypsrp_xml(ps: PowerShell, commands: list[WireCommand]) -> bytes:
    for command in commands:
        ps.add_cmdlet(command.name)
        for name, value in command.arguments:
            if name is None:
                ps.add_argument(value)
            else:
                ps.add_parameter(name, value)
        if command.merges == MERGE_OUTPUT:
            ps.merge_error("output").merge_warning("output").merge_verbose("output")
        ps.add_statement()
    pool = ps.runspace_pool
    pipeline = Pipeline(is_nested=False, cmds=ps.commands, history=None, redirect_err_to_out=False)
    message = CreatePipeline(
        True,
        ApartmentState(value=pool.apartment_state),
        RemoteStreamOptions(value=RemoteStreamOptions.ADD_INVOCATION_INFO),
        False,
        HostInfo(host=None),
        pipeline,
        False,
    )
    element = pool.serialize(message)
    assert element is not None
    data: bytes = ET.tostring(element, encoding="utf-8")
    return data


def _core(data: bytes) -> list[tuple[Any, ...]]:
    """Commands as psrpcore reads them."""
    message = pst.deserialize(ET.fromstring(data), NO_SECURE_STRINGS)
    assert isinstance(message, pst.PSObject)
    pipeline = CorePowerShell.FromPSObjectForRemoting(message)
    return [_shape(c) for c in pipeline.commands]


def _shape(command: Any) -> tuple[Any, ...]:
    values = [(name, _plain(value)) for name, value in command.parameters]
    merges = [int(getattr(command, f"merge_{kind}") or 0) for kind in ("error", "warning", "verbose")]
    return (str(command.command_text), bool(command.is_script), values, merges, command.end_of_statement)


def _plain(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, uuid.UUID):
        return uuid.UUID(str(value))
    return value


@pytest.fixture
def ps() -> PowerShell:
    return PowerShell(FakePool())  # type: ignore[arg-type]


def test_written_pipeline_means_what_pypsrp_writes(ps: PowerShell) -> None:
    commands = _commands()
    assert _core(pipeline_xml(ps, commands)) == _core(_pypsrp_xml(PowerShell(FakePool()), commands))  # type: ignore[arg-type]


@pytest.mark.parametrize("source", ["written", "pypsrp"])
def test_fast_reader_reads_what_psrpcore_reads(ps: PowerShell, source: str) -> None:
    commands = _commands()
    data = pipeline_xml(ps, commands) if source == "written" else _pypsrp_xml(ps, commands)
    wire = read_create_pipeline(data, lambda element: pst.deserialize(element, NO_SECURE_STRINGS))
    assert wire is not None and wire.no_input
    assert [_shape(c) for c in wire.commands] == _core(data)


def test_fast_reader_leaves_object_references_to_psrpcore() -> None:
    assert read_create_pipeline(b'<Obj RefId="0"><MS><Ref N="x" RefId="1" /></MS></Obj>', print) is None


def test_envelope_keeps_pypsrps_settings(ps: PowerShell) -> None:
    envelope, list_types = _envelope(ps)
    root = ET.fromstring(envelope.replace(b"cscmdlets-statements-0", b"").replace(b"cscmdlets-statements-1", b""))
    assert root.find("MS/B[@N='NoInput']").text == "true"  # type: ignore[union-attr]
    assert root.find("MS/Obj[@N='ApartmentState']/I32").text == "2"  # type: ignore[union-attr]
    assert list_types.isdigit()
