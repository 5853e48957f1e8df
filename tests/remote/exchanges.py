"""Recorded WSMan exchanges: record them against another server, replay them to the client.

pypsrp's own tests replay request/response pairs recorded from a Windows host
(``tests/tests_pypsrp/responses/*.yml``). No Windows host is reachable where these were made,
so they were recorded against an independent WSMan/PSRP server written apart from cscmdlets
(see ``recorded/README.md``): the passthrough client then meets answers its own server did
not write. This module holds both halves:

* recording (``python tests/remote/exchanges.py REFERENCE_DIR``): start that server in a
  subprocess with a few fake Teams cmdlets, run each :data:`SCENARIOS` entry through a
  ``RemoteEngine`` pointed at a recording proxy, and write ``recorded/<scenario>.json``;
* replaying (``test_recorded.py``): :class:`ReplayServer` answers each request on 127.0.0.1
  with the next recorded response, after checking it is the same WSMan action.

Ids the client makes (WSMan MessageIDs, the pool, pipelines, batch markers) come from
``uuid.uuid4``; both halves replace it with :func:`deterministic_uuids`, as pypsrp's tests
do, so the replayed responses answer the requests the client sends again.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import http.server
import itertools
import json
import os
import struct
import subprocess
import sys
import textwrap
import threading
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self
from unittest import mock

from cscmdlets.cmdlets.dialin_user import GET_USER, SET_USER
from cscmdlets.powershell.binder import BoundCommand, bind_keywords
from cscmdlets.powershell.engine import Result
from cscmdlets.powershell.errors import ErrorRecord, PowerShellError
from cscmdlets.remote import RemoteEngine, RemoteHost

RECORDED = Path(__file__).resolve().parent / "recorded"
USER, PASSWORD = "recorder", "not-a-secret"  # Basic over plain http: the requests are readable
NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "rsp": "http://schemas.microsoft.com/wbem/wsman/1/windows/shell",
    "pwsh": "http://schemas.microsoft.com/powershell",
}
KEN, AMOS, MISSING = "ken.myer@contoso.com", "amos.marble@contoso.com", "missing@contoso.com"


# --- what the client does ------------------------------------------------------------------------


def _get(identity: str) -> BoundCommand:
    return bind_keywords(GET_USER, {"Identity": identity})


def _set(identity: str, allow: bool) -> BoundCommand:
    return bind_keywords(SET_USER, {"Identity": identity, "AllowTollFreeDialIn": allow})


def get_user(engine: RemoteEngine) -> list[Result]:
    return [engine.invoke(_get(KEN))]


def get_missing_user(engine: RemoteEngine) -> list[Result]:
    return [engine.invoke(_get(MISSING))]


def set_user_with_warning(engine: RemoteEngine) -> list[Result]:
    return [engine.invoke(_set(AMOS, False))]


def set_user_failing(engine: RemoteEngine) -> list[Result]:
    """The reference server's cmdlet throws: a terminating error, the pipeline Failed."""
    try:
        engine.invoke(_set("throws@contoso.com", True))
    except PowerShellError as error:
        return [Result(errors=[ErrorRecord.from_error(error)])]
    return []


def batch(engine: RemoteEngine) -> list[Result]:
    """Three calls in one pipeline (cscmdlets writes the CREATE_PIPELINE itself)."""
    with engine.batch(raise_errors=False) as calls:
        pending = [calls.submit(_set(KEN, True)), calls.submit(_set(MISSING, True)), calls.submit(_get(AMOS))]
    return [
        slot.get() if slot.error is None else Result(errors=[ErrorRecord.from_error(slot.error)]) for slot in pending
    ]


Scenario = Callable[[RemoteEngine], list[Result]]
SCENARIOS: dict[str, Scenario] = {
    scenario.__name__: scenario
    for scenario in (get_user, get_missing_user, set_user_with_warning, set_user_failing, batch)
}


@contextmanager
def deterministic_uuids(scenario: str) -> Iterator[None]:
    """``uuid.uuid4`` as a sequence fixed by the scenario's name (pypsrp's tests fix it too)."""
    seed = int.from_bytes(scenario.encode()[:8].ljust(8, b"\0"), "big")
    counter = itertools.count(1)

    def fixed() -> uuid.UUID:
        return uuid.UUID(int=(seed << 64) | next(counter), version=4)

    with mock.patch.object(uuid, "uuid4", fixed):
        yield


def run_scenario(name: str, port: int) -> list[Result]:
    """One scenario through a fresh ``RemoteEngine`` (its own pool), closed at the end."""
    host = RemoteHost(
        "127.0.0.1", port=port, ssl=False, auth="basic", encryption="never", username=USER, password=PASSWORD
    )
    with deterministic_uuids(name), RemoteEngine(host) as engine:
        return SCENARIOS[name](engine)


# --- the recorded file -----------------------------------------------------------------------------


@dataclass
class Exchange:
    """One HTTP request and the response the server gave."""

    action: str
    request: str
    status: int
    content_type: str
    response: str

    def to_json(self) -> dict[str, Any]:
        return {
            "request": {"action": self.action, "body": self.request, "psrp": psrp_messages(self.request)},
            "response": {
                "status": self.status,
                "content_type": self.content_type,
                "body": self.response,
                "psrp": psrp_messages(self.response),
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exchange:
        request, response = data["request"], data["response"]
        return cls(request["action"], request["body"], response["status"], response["content_type"], response["body"])


def action_of(envelope: str) -> str:
    return ET.fromstring(envelope).findtext("s:Header/a:Action", "", NS)


def psrp_messages(envelope: str) -> list[str]:
    """The PSRP messages in an envelope's base64 streams, as ``Type: CLIXML`` lines, for
    readers of the recorded files ([MS-PSRP] 2.2.1 message, 2.2.4 fragment)."""
    from psrpcore.types import PSRPMessageType

    root = ET.fromstring(envelope)
    streams = [*root.iter(f"{{{NS['rsp']}}}Stream"), *root.iter(f"{{{NS['rsp']}}}Arguments")]
    streams += list(root.iter(f"{{{NS['pwsh']}}}creationXml"))
    lines = []
    for stream in streams:
        data = base64.b64decode(stream.text or "")
        for message in _messages(data):
            kind = struct.unpack("<I", message[4:8])[0]
            lines.append(f"{_type_name(PSRPMessageType, kind)}: {message[40:].decode('utf-8', 'replace')}")
    return lines


def _type_name(types: Any, kind: int) -> str:
    try:
        return str(types(kind).name)
    except ValueError:
        return hex(kind)


def message_types(envelope: str) -> list[str]:
    """The PSRP message types an envelope carries (their RefIds and ObjectIds may differ)."""
    return [line.split(":", 1)[0] for line in psrp_messages(envelope)]


def _messages(data: bytes) -> Iterator[bytes]:
    """Whole messages from fragments (only those complete within this stream)."""
    parts: dict[int, list[bytes]] = {}
    offset = 0
    while offset + 21 <= len(data):
        object_id, _, flags, length = struct.unpack_from(">QQBI", data, offset)
        parts.setdefault(object_id, []).append(data[offset + 21 : offset + 21 + length])
        offset += 21 + length
        if flags & 2:
            yield b"".join(parts.pop(object_id))


def load(name: str) -> list[Exchange]:
    return [Exchange.from_json(item) for item in json.loads((RECORDED / f"{name}.json").read_text())["exchanges"]]


# --- serving: the recording proxy and the replaying server ----------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _Server

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        status, content_type, answer = self.server.answer(body)
        data = answer.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the exchanges themselves are what is recorded."""


class _Server(http.server.HTTPServer):
    """A one-client HTTP server on 127.0.0.1 whose answers come from :meth:`answer`."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def answer(self, body: str) -> tuple[int, str, str]:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class ReplayServer(_Server):
    """Answers the n-th request with the n-th recorded response, and notes each request that
    is not the recorded action with the recorded PSRP message types."""

    def __init__(self, exchanges: list[Exchange]) -> None:
        super().__init__()
        self.exchanges = exchanges
        self.mismatches: list[str] = []
        self.answered = 0

    def answer(self, body: str) -> tuple[int, str, str]:
        action = action_of(body)
        if self.answered >= len(self.exchanges):
            self.mismatches.append(f"request {self.answered + 1} ({action}) was not recorded")
            return 500, "text/plain", "not recorded"
        expected = self.exchanges[self.answered]
        self.answered += 1
        sent, recorded = (action, message_types(body)), (expected.action, message_types(expected.request))
        if sent != recorded:
            self.mismatches.append(f"request {self.answered}: {sent}, recorded {recorded}")
        return expected.status, expected.content_type, expected.response


class RecordingProxy(_Server):
    """Forwards each request to the server on ``target_port`` and keeps the pair."""

    def __init__(self, target_port: int, authorization: str) -> None:
        super().__init__()
        self.authorization = authorization
        self.exchanges: list[Exchange] = []
        self.connection = http.client.HTTPConnection("127.0.0.1", target_port, timeout=60)

    def answer(self, body: str) -> tuple[int, str, str]:
        headers = {"Content-Type": "application/soap+xml;charset=UTF-8", "Authorization": self.authorization}
        self.connection.request("POST", "/wsman", body.encode(), headers)
        response = self.connection.getresponse()
        content_type, answer = response.getheader("Content-Type", "application/soap+xml;charset=UTF-8"), response.read()
        self.exchanges.append(Exchange(action_of(body), body, response.status, content_type, answer.decode()))
        return response.status, content_type, answer.decode()


# --- recording ------------------------------------------------------------------------------------

#: The reference server, with fake Teams cmdlets, run in its own process (its uuid4 calls then
#: leave the client's sequence alone). It prints its port.
REFERENCE_SERVER = textwrap.dedent(
    """
    import sys, threading, uuid
    sys.path.insert(0, sys.argv[1])
    from fake_wsman import FakePSRPServer
    from psrpcore.types import ErrorCategory, PSNoteProperty, PSObject

    TYPE = "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.ConferencingUser"
    USERS = {"ken.myer@contoso.com": ("Ken Myer", 123456789), "amos.marble@contoso.com": ("Amos Marble", 987654321)}
    server = FakePSRPServer(username=sys.argv[2], password=sys.argv[3])

    def user(identity):
        name, conference_id = USERS[identity]
        obj = PSObject()
        obj.PSObject.type_names = [TYPE, "System.Object"]
        obj.PSObject.to_string = TYPE
        for key, value in dict(
            Identity=identity, DisplayName=name, SipAddress="sip:" + identity, ConferenceId=conference_id,
            BridgeId=uuid.UUID("3a1c9a55-5c4e-4b7c-9d9b-123456789abc"), BridgeName="Conference Bridge",
            ServiceNumber="14255550100", DefaultTollNumber="+14255550100", AllowTollFreeDialIn=True,
            AllowPstnOnlyMeeting=False, LeaderPin=None, TenantId=uuid.UUID("bf19b7db-6960-41e5-a139-2aa373474354"),
        ).items():
            obj.PSObject.adapted_properties.append(PSNoteProperty(key, value))
        return obj

    def not_found(ctx, identity):
        implementing = "Microsoft.Teams.ConfigAPI.Cmdlets." + ctx.name.replace("-", "")
        ctx.write_error('Management object not found for identity "%s".' % identity,
                        "UserNotFound," + implementing, ErrorCategory.ObjectNotFound, identity)

    @server.register("Get-CsOnlineDialInConferencingUser")
    def get_user(ctx):
        identity = ctx.named["Identity"]
        if identity not in USERS:
            not_found(ctx, identity)
            return []
        return [user(identity)]

    @server.register("Set-CsOnlineDialInConferencingUser")
    def set_user(ctx):
        identity = ctx.named["Identity"]
        if identity.startswith("throws@"):
            raise RuntimeError("The remote service is unavailable; try again later.")
        if identity not in USERS:
            not_found(ctx, identity)
        elif ctx.named.get("AllowTollFreeDialIn") is False:
            ctx.write_warning("Toll-free dial-in for %s is off; meetings show toll numbers only." % identity)
        return []

    @server.register("Write-Output")
    def write_output(ctx):
        return [ctx.named["InputObject"]]

    with server:
        print(server.port, flush=True)
        threading.Event().wait()
    """
)


@contextmanager
def reference_server(reference: Path) -> Iterator[int]:
    process = subprocess.Popen(
        [sys.executable, "-c", REFERENCE_SERVER, str(reference), USER, PASSWORD],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield int(process.stdout.readline())
    finally:
        process.terminate()
        process.wait(10)


def record(reference: Path) -> None:
    """Record every scenario against the reference server in ``reference``."""
    RECORDED.mkdir(exist_ok=True)
    authorization = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    with reference_server(reference) as port:
        for name in SCENARIOS:
            with RecordingProxy(target_port=port, authorization=authorization) as proxy:
                run_scenario(name, proxy.port)
            document = {
                "server": f"psrp-loopback reference server ({reference.name}/fake_wsman.py), pypsrp client "
                f"via cscmdlets RemoteEngine; {os.path.basename(sys.executable)} {sys.version.split()[0]}",
                "recorded": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "scenario": name,
                "exchanges": [exchange.to_json() for exchange in proxy.exchanges],
            }
            (RECORDED / f"{name}.json").write_text(json.dumps(document, indent=1) + "\n")
            print(f"{name}: {len(proxy.exchanges)} exchanges")


if __name__ == "__main__":
    record(Path(sys.argv[1]).resolve())
