"""WSMan for ``serve``: SOAP envelopes in, shell actions, SOAP envelopes or faults out.

Implements the actions a PSRP client sends ([MS-WSMV] 3.1.4, as pypsrp
sends them): Create, Command, Send, Receive (long-poll, then the TimedOut fault pypsrp retries
silently), Signal, Delete and Get. Bodies go to ``psrp.Shell``; this module knows SOAP and
nothing of PowerShell. Idle shells are closed on the next request after their timeout.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
import threading
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ...powershell.metadata import CommandMetadata
from .execute import Executor
from .limits import Limits
from .psrp import Shell

__all__ = ["NS", "WSManFault", "WSManService"]

log = logging.getLogger(__name__)

NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "a": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
    "x": "http://schemas.xmlsoap.org/ws/2004/09/transfer",
    "w": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
    "p": "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd",
    "rsp": "http://schemas.microsoft.com/wbem/wsman/1/windows/shell",
    "f": "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault",
    "pwsh": "http://schemas.microsoft.com/powershell",
    "cfg": "http://schemas.microsoft.com/wbem/wsman/1/config",
}
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)

_TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer/"
_SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/"
PS_RESOURCE = "http://schemas.microsoft.com/powershell/"
FAULT_ACTION = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault"
SIGNAL_TERMINATE = (_SHELL + "signal/terminate").lower()
# pypsrp 0.9 sends ctrl_c, MS-PSRP and psrp 1.0 spell it crtl_c: accept both.
SIGNAL_STOP = {"powershell/signal/crtl_c", "powershell/signal/ctrl_c"}
STATE_DONE, STATE_RUNNING = _SHELL + "CommandState/Done", _SHELL + "CommandState/Running"

ERROR_TIMED_OUT = 2150858793
ERROR_INVALID_SELECTORS = 2150858843
ERROR_ACTION_NOT_SUPPORTED = 2150858770
ERROR_DESTINATION_UNREACHABLE = 2150858811
ERROR_INTERNAL = 2150858882  # inferred
ERROR_INVALID_XML = 2150858817  # inferred: a Windows host's code for a malformed envelope
# The quota faults a Windows host sends (codes from wsmerror.h, as PowerShell's
# cimChildJobBase.cs copies them; texts as WinRM sends them).
ERROR_QUOTA_MAX_SHELLS = 2150859173
ERROR_QUOTA_MAX_OPERATIONS = 2150859174
CONFIG_RESOURCE = NS["cfg"]


def q(prefix: str, tag: str) -> str:
    return f"{{{NS[prefix]}}}{tag}"


class WSManFault(Exception):
    """A WSMan fault: HTTP 500 (or 400) with ``s:Fault`` and ``f:WSManFault Code=…``."""

    def __init__(self, code: int, reason: str, subcode: str, *, status: int = 500, sender: bool = False) -> None:
        super().__init__(reason)
        self.code, self.reason, self.subcode, self.status, self.sender = code, reason, subcode, status, sender


def timed_out() -> WSManFault:
    return WSManFault(
        ERROR_TIMED_OUT,
        "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.",
        "w:TimedOut",
    )


def shell_not_found(shell_id: str) -> WSManFault:
    return WSManFault(
        ERROR_INVALID_SELECTORS,
        f"The request for the Windows Remote Shell with ShellId {shell_id} "
        "failed because the shell was not found on the server. Possible causes are: the specified "
        "ShellId is incorrect or the shell no longer exists on the server. Provide the correct "
        "ShellId or create a new shell and retry the operation.",
        "w:InvalidSelectors",
    )


def too_many_shells(limit: int) -> WSManFault:
    return WSManFault(
        ERROR_QUOTA_MAX_SHELLS,
        f"The WS-Management service cannot process the request. This user is allowed a maximum number of {limit} "
        "concurrent shells, which has been exceeded. Close existing shells or raise the quota for this user.",
        "w:QuotaLimit",
    )


def too_many_operations(limit: int) -> WSManFault:
    return WSManFault(
        ERROR_QUOTA_MAX_OPERATIONS,
        f"The WS-Management service cannot process the request. This user is allowed a maximum number of {limit} "
        "concurrent operations, which has been exceeded. Close existing operations for this user, or raise the "
        "quota for this user.",
        "w:QuotaLimit",
    )


def malformed(detail: str) -> WSManFault:
    return WSManFault(
        ERROR_INVALID_XML,
        f"The WS-Management service cannot process the request because the XML is invalid. {detail}",
        "w:SchemaValidationError",
        status=400,
        sender=True,
    )


@dataclass(frozen=True)
class Request:
    """The header fields of one envelope that the actions use."""

    action: str
    message_id: str
    resource_uri: str
    shell_id: str
    operation_timeout: float
    max_envelope: int
    body: ET.Element
    owner: str = ""


def parse(data: bytes) -> Request:
    """Parse an envelope; anything unusable is the malformed-envelope fault."""
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        raise malformed("DTDs are not allowed.")  # no entity expansion from a client
    try:
        envelope = ET.fromstring(data)
    except ET.ParseError as error:
        raise malformed(str(error)) from None
    header, body = envelope.find("s:Header", NS), envelope.find("s:Body", NS)
    if envelope.tag != q("s", "Envelope") or header is None or body is None:
        raise malformed("The message is not a SOAP 1.2 envelope.")
    selector = header.find("w:SelectorSet/w:Selector[@Name='ShellId']", NS)
    match = re.fullmatch(r"PT([\d.]+)S", header.findtext("w:OperationTimeout", "PT20S", NS).strip())
    return Request(
        action=header.findtext("a:Action", "", NS).strip(),
        message_id=header.findtext("a:MessageID", "", NS).strip(),
        resource_uri=header.findtext("w:ResourceURI", "", NS).strip(),
        shell_id=(selector.text or "").strip().upper() if selector is not None else "",
        operation_timeout=float(match.group(1)) if match else 20.0,
        max_envelope=_max_envelope(header.findtext("w:MaxEnvelopeSize", "", NS).strip()),
        body=body,
    )


def _max_envelope(text: str) -> int:
    """``wsman:MaxEnvelopeSize``: a positive integer, or the schema fault (MS-WSMV 3.1.4.1.7)."""
    if not text:
        return 153600
    if not (text.isascii() and text.isdigit()) or int(text) == 0:
        raise malformed(f"The value of wsman:MaxEnvelopeSize, '{text}', is not a positive integer.")
    return int(text)


def envelope(action: str, relates_to: str, *children: ET.Element) -> bytes:
    """A response envelope; ``RelatesTo`` must echo the request's MessageID (pypsrp checks)."""
    env = ET.Element(q("s", "Envelope"))
    header = ET.SubElement(env, q("s", "Header"))
    ET.SubElement(header, q("a", "Action")).text = action
    ET.SubElement(header, q("a", "MessageID")).text = f"uuid:{str(uuid.uuid4()).upper()}"
    ET.SubElement(header, q("a", "To")).text = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
    ET.SubElement(header, q("a", "RelatesTo")).text = relates_to
    ET.SubElement(env, q("s", "Body")).extend(children)
    data: bytes = ET.tostring(env, encoding="utf-8")
    return data


def fault_body(fault: WSManFault, machine: str) -> ET.Element:
    element = ET.Element(q("s", "Fault"))
    code = ET.SubElement(element, q("s", "Code"))
    ET.SubElement(code, q("s", "Value")).text = "s:Sender" if fault.sender else "s:Receiver"
    ET.SubElement(ET.SubElement(code, q("s", "Subcode")), q("s", "Value")).text = fault.subcode
    ET.SubElement(ET.SubElement(element, q("s", "Reason")), q("s", "Text")).text = fault.reason
    detail = ET.SubElement(element, q("s", "Detail"))
    wsman_fault = ET.SubElement(detail, q("f", "WSManFault"), Code=str(fault.code), Machine=machine)
    ET.SubElement(wsman_fault, q("f", "Message")).text = fault.reason
    return element


def _b64(text: str | None) -> bytes:
    try:
        return base64.b64decode(text or "", validate=True)
    except (binascii.Error, ValueError):
        raise malformed("A stream is not valid base64.") from None


def _uuid(text: str | None) -> uuid.UUID:
    try:
        return uuid.UUID(text or "")
    except ValueError:
        raise malformed(f"'{text}' is not a valid identifier.") from None


class WSManService:
    """The shell table and the WSMan actions, for one server.

    Args:
        executor: runs received pipelines.
        commands: what GetCommandMetadata lists.
        configurations: session configuration names served (``Microsoft.PowerShell``).
        idle_timeout: seconds after which an unused shell is closed.
        max_receive_wait: cap on a Receive long-poll (a client's OperationTimeout is honoured
            below it).
        limits: shells and concurrent operations allowed per user.
    """

    def __init__(
        self,
        executor: Executor,
        commands: Sequence[CommandMetadata],
        *,
        configurations: Sequence[str] = ("Microsoft.PowerShell",),
        idle_timeout: float = 7200.0,
        max_receive_wait: float = 20.0,
        address: str = "http://127.0.0.1:5985/wsman",
        limits: Limits | None = None,
    ) -> None:
        self.executor = executor
        self.commands = commands
        self.configurations = {c.lower() for c in configurations}
        self.idle_timeout = idle_timeout
        self.max_receive_wait = max_receive_wait
        self.address = address
        self.limits = limits or Limits()
        self.shells: dict[str, Shell] = {}
        self.owners: dict[str, str] = {}  # shell id -> the user who created it
        self.operations: dict[str, int] = {}  # user -> requests in progress
        self.lock = threading.Lock()
        self.actions: dict[str, Callable[[Request], list[ET.Element]]] = {
            _TRANSFER + "Create": self.create,
            _TRANSFER + "Delete": self.delete,
            _TRANSFER + "Get": self.get,
            _SHELL + "Command": self.command,
            _SHELL + "Send": self.send,
            _SHELL + "Receive": self.receive,
            _SHELL + "Signal": self.signal,
        }

    def handle(self, data: bytes, *, owner: str = "") -> tuple[int, bytes]:
        """One SOAP request to (HTTP status, response envelope), counted against the
        user's ``MaxConcurrentOperationsPerUser``."""
        self.reap_idle()
        key = owner.lower()
        with self.lock:
            self.operations[key] = self.operations.get(key, 0) + 1
            over = self.operations[key] > self.limits.max_operations_per_user
        try:
            if over:
                fault = too_many_operations(self.limits.max_operations_per_user)
                return fault.status, envelope(FAULT_ACTION, "", fault_body(fault, "localhost"))
            return self._handle(data, owner)
        finally:
            with self.lock:
                self.operations[key] -= 1
                if not self.operations[key]:
                    del self.operations[key]

    def _handle(self, data: bytes, owner: str) -> tuple[int, bytes]:
        message_id = ""
        try:
            request = replace(parse(data), owner=owner.lower())
            message_id = request.message_id
            action = self.actions.get(request.action)
            if action is None:
                raise WSManFault(
                    ERROR_ACTION_NOT_SUPPORTED,
                    f"The action {request.action} is not supported by the service.",
                    "w:ActionNotSupported",
                )
            return 200, envelope(request.action + "Response", message_id, *action(request))
        except WSManFault as fault:
            return fault.status, envelope(FAULT_ACTION, message_id, fault_body(fault, "localhost"))
        except Exception:  # a bug or an undecodable PSRP message: wsman:InternalError, not a hang-up
            log.exception("request failed")
            internal = WSManFault(
                ERROR_INTERNAL,
                "The WS-Management service cannot process the request: the PowerShell message could not be processed.",
                "w:InternalError",
            )
            return internal.status, envelope(FAULT_ACTION, message_id, fault_body(internal, "localhost"))

    # --- shells -----------------------------------------------------------------------------

    def _shell(self, request: Request) -> Shell:
        with self.lock:
            shell = self.shells.get(request.shell_id)
        if shell is None:
            raise shell_not_found(request.shell_id)
        return shell

    def reap_idle(self) -> None:
        """Close shells nobody used for ``idle_timeout`` seconds, as WinRM's IdleTimeout does."""
        with self.lock:
            idle = [s for s in self.shells.values() if s.is_idle_for(self.idle_timeout)]
            for shell in idle:
                del self.shells[shell.id]
                self.owners.pop(shell.id, None)
        for shell in idle:
            log.info("closing idle shell %s", shell.id)
            shell.close()

    def close_all(self) -> None:
        with self.lock:
            shells, self.shells, self.owners = list(self.shells.values()), {}, {}
        for shell in shells:
            shell.close()

    # --- actions ----------------------------------------------------------------------------

    def create(self, request: Request) -> list[ET.Element]:
        config = request.resource_uri.removeprefix(PS_RESOURCE)
        if not request.resource_uri.startswith(PS_RESOURCE) or config.lower() not in self.configurations:
            raise WSManFault(
                ERROR_DESTINATION_UNREACHABLE,
                "The WS-Management service cannot process the request. "
                f"Cannot find the {config} session configuration in the WSMan: drive on the "
                "localhost computer.",
                "w:DestinationUnreachable",
            )
        element = request.body.find("rsp:Shell", NS)
        if element is None:
            raise malformed("The Create body has no rsp:Shell.")
        shell_id = str(_uuid(element.get("ShellId") or str(uuid.uuid4()))).upper()
        with self.lock:  # the slot is taken before the pool opens, so a burst cannot overshoot
            owned = sum(1 for owner in self.owners.values() if owner == request.owner)
            if owned >= self.limits.max_shells_per_user:
                raise too_many_shells(self.limits.max_shells_per_user)
            if shell_id in self.owners:
                raise malformed(f"A shell with ShellId {shell_id} already exists.")
            self.owners[shell_id] = request.owner
        shell = Shell(
            shell_id,
            request.resource_uri,
            self.executor,
            self.commands,
            max_received=self.limits.max_received_mb_per_command * 1024 * 1024,
        )
        try:
            shell.feed(_b64(element.findtext("pwsh:creationXml", "", NS)), None)
        except BaseException:
            with self.lock:
                self.owners.pop(shell_id, None)
            raise
        with self.lock:
            self.shells[shell_id] = shell
        return [self._created(shell), self._shell_xml(shell)]

    def _created(self, shell: Shell) -> ET.Element:
        created = ET.Element(q("x", "ResourceCreated"))
        ET.SubElement(created, q("a", "Address")).text = self.address
        reference = ET.SubElement(created, q("a", "ReferenceParameters"))
        ET.SubElement(reference, q("w", "ResourceURI")).text = shell.resource_uri
        selectors = ET.SubElement(reference, q("w", "SelectorSet"))
        ET.SubElement(selectors, q("w", "Selector"), Name="ShellId").text = shell.id
        return created

    def _shell_xml(self, shell: Shell) -> ET.Element:
        element = ET.Element(q("rsp", "Shell"))
        for tag, value in (
            ("ShellId", shell.id),
            ("ResourceUri", shell.resource_uri),
            ("Owner", "cscmdlets"),
            ("ClientIP", "127.0.0.1"),
            ("IdleTimeOut", f"PT{self.idle_timeout:.3f}S"),
            ("InputStreams", "stdin pr"),
            ("OutputStreams", "stdout"),
            ("State", "Connected"),
        ):
            ET.SubElement(element, q("rsp", tag)).text = value
        return element

    def delete(self, request: Request) -> list[ET.Element]:
        shell = self._shell(request)
        with self.lock:
            self.shells.pop(shell.id, None)
            self.owners.pop(shell.id, None)
        shell.close()
        return []

    def get(self, request: Request) -> list[ET.Element]:
        """A shell's description, or the service's configuration (``winrm get winrm/config``,
        which pypsrp's ``update_max_payload_size()`` reads)."""
        if request.resource_uri.rstrip("/").lower() == CONFIG_RESOURCE:
            return [self._config_xml()]
        return [self._shell_xml(self._shell(request))]

    def _config_xml(self) -> ET.Element:
        config = ET.Element(q("cfg", "Config"))
        for tag, value in (
            ("MaxEnvelopeSizekb", self.limits.max_envelope_kb),
            ("MaxTimeoutms", int(self.max_receive_wait * 1000)),
            ("MaxBatchItems", 32000),
        ):
            ET.SubElement(config, q("cfg", tag)).text = str(value)
        return config

    def command(self, request: Request) -> list[ET.Element]:
        shell = self._shell(request)
        line = request.body.find("rsp:CommandLine", NS)
        if line is None:
            raise malformed("The Command body has no rsp:CommandLine.")
        pipeline_id = _uuid(line.get("CommandId") or str(uuid.uuid4()))
        shell.add_pipeline(pipeline_id)
        shell.feed(_b64(line.findtext("rsp:Arguments", "", NS)), pipeline_id)
        response = ET.Element(q("rsp", "CommandResponse"))
        ET.SubElement(response, q("rsp", "CommandId")).text = str(pipeline_id).upper()
        return [response]

    def send(self, request: Request) -> list[ET.Element]:
        shell = self._shell(request)
        for stream in request.body.findall("rsp:Send/rsp:Stream", NS):
            command_id = stream.get("CommandId")
            target = _uuid(command_id) if command_id else None
            shell.feed(_b64(stream.text), target, prompt_response=stream.get("Name") == "pr")
        return [ET.Element(q("rsp", "SendResponse"))]

    def receive(self, request: Request) -> list[ET.Element]:
        shell = self._shell(request)
        desired = request.body.find("rsp:Receive/rsp:DesiredStream", NS)
        command_id = desired.get("CommandId") if desired is not None else None
        target = _uuid(command_id) if command_id else None
        budget = int(request.max_envelope * 3 / 4) - 2048  # base64 growth and SOAP overhead
        taken = shell.take(target, budget, min(request.operation_timeout, self.max_receive_wait))
        if taken is None:
            raise timed_out()
        return [_receive_response(taken[0], target, taken[1])]

    def signal(self, request: Request) -> list[ET.Element]:
        shell = self._shell(request)
        element = request.body.find("rsp:Signal", NS)
        if element is None:
            raise malformed("The Signal body has no rsp:Signal.")
        pipeline_id = _uuid(element.get("CommandId"))
        code = element.findtext("rsp:Code", "", NS).strip().lower()
        if code in SIGNAL_STOP:
            shell.stop(pipeline_id)
        elif code == SIGNAL_TERMINATE:
            shell.terminate(pipeline_id)
        return [ET.Element(q("rsp", "SignalResponse"))]


def _receive_response(chunks: list[bytes], target: uuid.UUID | None, done: bool) -> ET.Element:
    response = ET.Element(q("rsp", "ReceiveResponse"))
    attributes = {"Name": "stdout"}
    if target is not None:
        attributes["CommandId"] = str(target).upper()
    for chunk in chunks:
        ET.SubElement(response, q("rsp", "Stream"), attrib=attributes).text = base64.b64encode(chunk).decode()
    if target is not None:
        state = STATE_DONE if done else STATE_RUNNING
        ET.SubElement(response, q("rsp", "CommandState"), CommandId=str(target).upper(), State=state)
    return response
