"""PSRP fragments and CLIXML written by cscmdlets, the server's CreatePipeline sieve, and
the collector pause around its parse.

The fast paths write PSRP messages and fragments themselves ([MS-PSRP] 2.2.1, 2.2.4);
pypsrp's public ``Fragment.unpack`` and psrpcore's server pool must read them back.
"""

from __future__ import annotations

import gc
import uuid
import xml.etree.ElementTree as ET
from typing import Any

import psrpcore
import pytest
from psrpcore import types as pst
from pypsrp.powershell import Fragment

from cscmdlets.remote import fragments
from cscmdlets.remote.serve.clixml import WirePipeline, collector_paused
from cscmdlets.remote.serve.psrp import _CreatePipelineSieve, plain_clixml

POOL, PIPELINE = uuid.UUID(int=1), uuid.UUID(int=2)
CREATE_PIPELINE = (
    b'<Obj RefId="0"><MS><B N="NoInput">true</B><Obj RefId="1" N="PowerShell"><MS>'
    b'<Obj RefId="2" N="Cmds"><TN RefId="0"><T>System.Collections.Generic.List`1</T></TN><LST>'
    b'<Obj RefId="3"><MS><S N="Cmd">Get-CsOnlineDialInConferencingUser</S><B N="IsScript">false</B>'
    b'<Obj RefId="4" N="Args"><TNRef RefId="0" /><LST><Obj RefId="5"><MS><S N="N">Identity</S>'
    b'<S N="V">ken@contoso.com</S></MS></Obj></LST></Obj></MS></Obj></LST></Obj></MS></Obj></MS></Obj>'
)


def _unpack_all(data: bytes) -> list[Fragment]:
    found = []
    while data:
        fragment, data = Fragment.unpack(data)
        found.append(fragment)
    return found


@pytest.mark.parametrize("length", [0, 1, 79, 80, 81, 500])
def test_fragments_are_what_pypsrp_reads(length: int) -> None:
    data = bytes(range(256)) * 2
    data = data[:length]
    pieces = fragments.fragments(7, data, 80)
    assert all(len(piece) <= 80 for piece in pieces)
    read = _unpack_all(b"".join(pieces))
    assert [(f.object_id, f.fragment_id) for f in read] == [(7, index) for index in range(len(pieces))]
    assert [(f.start, f.end) for f in read] == [(i == 0, i == len(read) - 1) for i in range(len(read))]
    assert b"".join(f.data for f in read) == data


def test_a_fragment_needs_room_after_its_header() -> None:
    with pytest.raises(ValueError, match="no room"):
        fragments.fragments(1, b"x", fragments.HEADER_SIZE)


def test_object_ids_are_never_reused() -> None:
    first = fragments.next_object_id()
    assert fragments.next_object_id() > first >= fragments.FIRST_OBJECT_ID


def _create_pipeline(body: bytes, size: int) -> list[bytes]:
    message = fragments.message(fragments.TO_SERVER, pst.PSRPMessageType.CreatePipeline, POOL, PIPELINE, body)
    return fragments.fragments(fragments.next_object_id(), message, size)


def test_sieve_reads_a_create_pipeline_spread_over_several_sends() -> None:
    sieve = _CreatePipelineSieve(psrpcore.ServerRunspacePool())
    pieces = _create_pipeline(CREATE_PIPELINE, 200)
    assert len(pieces) > 2
    assert sieve.sift(b"".join(pieces[:2])) == []  # held until its last fragment
    ((pipeline_id, wire),) = sieve.sift(b"".join(pieces[2:]))
    assert pipeline_id == PIPELINE
    assert isinstance(wire, WirePipeline) and wire.no_input
    command = wire.commands[0]
    assert (command.command_text, command.parameters) == (
        "Get-CsOnlineDialInConferencingUser",
        [("Identity", "ken@contoso.com")],
    )


def test_sieve_passes_other_messages_through_unchanged() -> None:
    sieve = _CreatePipelineSieve(psrpcore.ServerRunspacePool())
    message = fragments.message(fragments.TO_SERVER, pst.PSRPMessageType.PipelineInput, POOL, PIPELINE, b"<S>a</S>")
    data = b"".join(fragments.fragments(fragments.next_object_id(), message, 30))
    assert sieve.sift(data) == [data]


def test_sieve_leaves_a_secure_string_to_psrpcore() -> None:
    """A SecureString needs the pool's session key, which psrpcore keeps: the message goes
    to psrpcore as it came."""
    sieve = _CreatePipelineSieve(psrpcore.ServerRunspacePool())
    body = CREATE_PIPELINE.replace(b'<S N="V">ken@contoso.com</S>', b'<SS N="V">AAAA</SS>')
    pieces = _create_pipeline(body, 200)
    assert sieve.sift(b"".join(pieces)) == [b"".join(pieces)]


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("plain", id="string"),
        pytest.param("a_x000A_b\n<&>\U0001f600\x07", id="string-escapes"),
        pytest.param(pst.WarningRecord(Message="Toll-free dial-in <is> off"), id="warning"),
        pytest.param(pst.VerboseRecord(Message="Performing the operation\n_x"), id="verbose"),
        pytest.param(pst.DebugRecord(Message="debug"), id="debug"),
    ],
)
def test_plain_clixml_is_what_psrpcore_writes(value: Any) -> None:
    expected = ET.tostring(pst.serialize(value, psrpcore.PSRemotingCrypto()), encoding="utf-8")
    assert plain_clixml(value) == expected.removeprefix(b"<?xml version='1.0' encoding='utf-8'?>\n")


def test_records_with_invocation_info_are_left_to_psrpcore() -> None:
    record = pst.WarningRecord(Message="m")
    record.serialize_extended_info = True
    assert plain_clixml(record) is None
    assert plain_clixml(pst.PSObject()) is None


def test_collector_is_paused_only_while_trees_are_built() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # another shell's parse, at the same time
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first parse is still running
    assert gc.isenabled()


def test_collector_left_off_by_the_application_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
