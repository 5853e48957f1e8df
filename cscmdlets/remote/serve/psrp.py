"""PSRP for one shell: psrpcore's server RunspacePool and pipelines, no sockets.

``wsman.py`` hands this layer the base64-decoded PSRP fragments of each WSMan request and
asks it for the fragments to return in a Receive. psrpcore does the protocol; this module
routes its events and runs each pipeline
on the shell's worker thread, so a Command returns at once and the client long-polls with
Receive, as against a Windows host.
"""

from __future__ import annotations

import fnmatch
import logging
import queue
import struct
import threading
import time
import uuid
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast
from xml.sax.saxutils import escape

import psrpcore
from psrpcore import types as pst

from ...cmdlets.profiles import module_of
from ...powershell.metadata import CommandMetadata
from .. import fragments, xmlstring
from . import objects
from .clixml import WirePipeline, read_create_pipeline
from .execute import Emission, Executor, Variables, plain

__all__ = ["Shell"]

log = logging.getLogger(__name__)

FINISHED = (pst.PSInvocationState.Completed, pst.PSInvocationState.Failed, pst.PSInvocationState.Stopped)
Target = uuid.UUID | None  # None: the pool's own stream
LINGER = 0.05  # seconds a Receive waits for more output of a running pipeline
FLUSH_EVERY = 0.02  # seconds between hand-overs of a running pipeline's output


def _size(queue: deque[bytes] | None) -> int:
    return sum(map(len, queue)) if queue else 0


class Shell:
    """One WSMan shell: a RunspacePool with its pipelines and outgoing fragments.

    Every psrpcore call happens under ``self.cond`` (psrpcore is not thread-safe); the
    engine runs outside it, so a long command never blocks a Receive.
    """

    def __init__(
        self,
        shell_id: str,
        resource_uri: str,
        executor: Executor,
        commands: Sequence[CommandMetadata],
        *,
        fragment_size: int = 32 * 1024,
        max_received: int = 50 * 1024 * 1024,
    ) -> None:
        self.id = shell_id
        self.resource_uri = resource_uri
        self.executor = executor
        self.commands = commands
        self.fragment_size = fragment_size
        self.max_received = max_received
        self.received: dict[uuid.UUID, int] = {}  # bytes received per pipeline
        self.pool = psrpcore.ServerRunspacePool()
        self.sieve = _CreatePipelineSieve(self.pool)
        self.pipelines: dict[uuid.UUID, psrpcore.ServerPipeline] = {}
        self.stopping: set[uuid.UUID] = set()
        self.pending: dict[uuid.UUID, list[Any]] = {}
        self.inputs: dict[uuid.UUID, list[Any]] = {}  # PIPELINE_INPUT objects, until the end of input
        self.outgoing: dict[Target, deque[bytes]] = {}
        self.cond = threading.Condition(threading.RLock())
        self.last_used = time.monotonic()
        self.running = 0
        self.closed = False
        self.work: queue.SimpleQueue[psrpcore.PSRPPayload | _TooMuchData | None] = queue.SimpleQueue()
        self.worker: threading.Thread | None = None
        self.ready: list[tuple[uuid.UUID, list[Any], list[Any] | None]] = []
        self.variables = Variables()  # what this pool's commands set, for its Get-Variable

    # --- input ------------------------------------------------------------------------------

    def add_pipeline(self, pipeline_id: uuid.UUID) -> None:
        """Create the server pipeline before its CreatePipeline fragment is fed: psrpcore
        looks the pipeline up when it processes the message."""
        with self.cond:
            self.pipelines[pipeline_id] = psrpcore.ServerPipeline(self.pool, pipeline_id)

    def feed(self, data: bytes, pipeline_id: Target, *, prompt_response: bool = False) -> None:
        """Give psrpcore received fragments and act on the events they complete.

        Pool-level data is handled at once. A pipeline's data goes to the shell's worker,
        which reads and runs pipelines one at a time, in order, as a one-runspace pool
        does; the Command or Send is answered at once, so the client can send the next
        pipeline while this one is read and run.
        """
        if not data:
            return
        stream = psrpcore.StreamType.prompt_response if prompt_response else psrpcore.StreamType.default
        payload = psrpcore.PSRPPayload(data, stream, pipeline_id)
        if pipeline_id is None:
            self._receive(payload)
            return
        work: psrpcore.PSRPPayload | _TooMuchData = payload
        with self.cond:
            received = self.received.get(pipeline_id, 0)
            if received > self.max_received:
                return  # already refused: the rest of its data is dropped unread
            self.received[pipeline_id] = received + len(data)
            if received + len(data) > self.max_received:
                work = _TooMuchData(pipeline_id, self.max_received)
            self.running += 1
            if self.worker is None:
                self.worker = threading.Thread(target=self._work, name=f"cscmdlets-shell-{self.id}", daemon=True)
                self.worker.start()
        self.work.put(work)

    def _receive(self, payload: psrpcore.PSRPPayload) -> None:
        with self.cond:
            self.last_used = time.monotonic()
            for item in self.sieve.sift(payload.data):
                if isinstance(item, bytes):
                    self.pool.receive_data(psrpcore.PSRPPayload(item, payload.stream_type, payload.pipeline_id))
                    while (event := self.pool.next_event()) is not None:
                        self._on_event(event)
                else:
                    self._on_fast_create_pipeline(*item)
            self._flush()

    def _work(self) -> None:
        """The shell's worker: read queued pipeline data, then run what became ready."""
        while (payload := self.work.get()) is not None:
            if isinstance(payload, _TooMuchData):
                self._fail_unstarted(payload.pipeline_id, payload.error_record())
                self._settle_work()
                continue
            try:
                self._receive(payload)
            except Exception as error:  # an unreadable message fails its pipeline, not the shell
                log.exception("could not read a message for pipeline %s", payload.pipeline_id)
                self._fail_unstarted(payload.pipeline_id, objects.internal_error(error))
            while self.ready:
                self._run(*self.ready.pop(0))
            self._settle_work()

    def _settle_work(self) -> None:
        with self.cond:
            self.running -= 1
            self.last_used = time.monotonic()

    def _on_event(self, event: Any) -> None:
        handler = _EVENT_HANDLERS.get(type(event))
        if handler is not None:
            handler(self, event)

    def _on_create_pipeline(self, event: Any) -> None:
        self._created(event.pipeline_id, event.pipeline)

    def _on_fast_create_pipeline(self, pipeline_id: uuid.UUID, wire: WirePipeline) -> None:
        """A CreatePipeline the sieve read: the bookkeeping psrpcore does for one it reads."""
        pipe = self.pool.pipeline_table.get(pipeline_id)
        if pipe is None:
            raise psrpcore.PSRPCoreError(f"Failed to find pipeline for incoming event {pipeline_id!s}")
        pipe.metadata = cast(Any, wire)
        self._created(pipeline_id, wire)

    def _created(self, pipeline_id: uuid.UUID, pipeline: Any) -> None:
        """A NoInput pipeline runs at once; one with input waits for the end of its input, and
        PowerShell's server ignores input sent to a NoInput pipeline (ServerPowerShellDriver.cs)."""
        if pipeline.no_input:
            self._start(pipeline_id, list(pipeline.commands), None)
        else:
            self.pending[pipeline_id] = list(pipeline.commands)
            self.inputs[pipeline_id] = []

    def _on_input(self, event: Any) -> None:
        received = self.inputs.get(event.pipeline_id)
        if received is not None:
            received.append(plain(event.data))

    def _on_end_of_input(self, event: Any) -> None:
        if event.pipeline_id in self.pending:
            commands = self.pending.pop(event.pipeline_id)
            self._start(event.pipeline_id, commands, self.inputs.pop(event.pipeline_id, []))

    def _on_runspace_request(self, event: Any) -> None:
        self.pool.runspace_availability_response(event.ci, True)

    def _on_available_runspaces(self, event: Any) -> None:
        self.pool.runspace_availability_response(event.ci, 1)

    def _on_command_metadata(self, event: Any) -> None:
        """Answer GetCommandMetadata from the same metadata the binder uses: the commands of the
        engine's module as that module declares them, read per request (a script's
        Import-Module changes it)."""
        patterns = [str(name).lower() for name in (event.pipeline.name or ["*"])]
        found = [m for m in self._advertised() if any(fnmatch.fnmatchcase(m.name.lower(), p) for p in patterns)]
        pipe = self.pipelines[event.pipeline_id]
        pipe.start()
        pipe.write_output(objects.metadata_count(len(found)))
        for metadata in found:
            pipe.write_output(objects.wire_metadata(metadata))
        pipe.complete()

    def _advertised(self) -> Sequence[CommandMetadata]:
        module = module_of(self.executor.engine)
        return self.commands if module is None else module.advertised(self.commands)

    # --- running ------------------------------------------------------------------------------

    def _start(self, pipeline_id: uuid.UUID, commands: list[Any], input_objects: list[Any] | None) -> None:
        self.ready.append((pipeline_id, commands, input_objects))  # the worker runs it after this read

    def _run(self, pipeline_id: uuid.UUID, commands: list[Any], input_objects: list[Any] | None) -> None:
        with self.cond:
            pipe = self.pipelines.get(pipeline_id)
            if pipe is None:  # terminated before it ran
                return
            pipe.start()
            if pipeline_id in self.stopping:
                pipe.stop()
            self._flush()
        try:
            if self._execute(pipeline_id, commands, input_objects):
                self._finish(pipeline_id, None)
        except Exception as error:  # a bug must fail the pipeline, not hang the client
            log.exception("pipeline %s failed", pipeline_id)
            self._finish(pipeline_id, objects.internal_error(error))

    def _execute(self, pipeline_id: uuid.UUID, commands: list[Any], input_objects: list[Any] | None) -> bool:
        """Run the statements, handing their records over every FLUSH_EVERY seconds rather
        than per statement: taking the lock and waking the Receive thread 2,000 times costs
        more than a batch's statements. Returns whether the pipeline is still running."""
        pending: list[Emission] = []
        flushed = time.monotonic()
        stopping = self.stopping
        for emissions in self.executor.run(commands, lambda: pipeline_id in stopping, input_objects, self.variables):
            pending.extend(emissions)
            if time.monotonic() - flushed >= FLUSH_EVERY or (emissions and emissions[-1].stream == "failed"):
                if not self._write(pipeline_id, pending):
                    return False
                pending, flushed = [], time.monotonic()
        return self._write(pipeline_id, pending)

    def _fail_unstarted(self, pipeline_id: Target, error: pst.ErrorRecord) -> None:
        with self.cond:
            pipe = self.pipelines.get(pipeline_id) if pipeline_id is not None else None
            if pipe is not None and pipe.state == pst.PSInvocationState.NotStarted:
                pipe.start()
        if pipeline_id is not None:
            self._finish(pipeline_id, error)

    def _write(self, pipeline_id: uuid.UUID, emissions: list[Emission]) -> bool:
        with self.cond:
            pipe = self.pipelines.get(pipeline_id)
            if pipe is None or pipe.state != pst.PSInvocationState.Running:
                return False
            for emission in emissions:
                if emission.stream == "failed":
                    fail(pipe, emission.value)
                elif emission.stream == "output" and (clixml := plain_clixml(emission.value)) is not None:
                    self._write_clixml(pipeline_id, clixml)
                else:
                    _WRITERS[emission.stream](pipe, emission.value)
            self._flush()
            return pipe.state == pst.PSInvocationState.Running

    def _finish(self, pipeline_id: uuid.UUID, error: pst.ErrorRecord | None) -> None:
        with self.cond:
            pipe = self.pipelines.get(pipeline_id)
            if pipe is not None and pipe.state == pst.PSInvocationState.Running:
                if error is None:
                    pipe.complete()
                else:
                    fail(pipe, error)
            self._flush()

    # --- output -------------------------------------------------------------------------------

    def _flush(self) -> None:
        """Move psrpcore's outgoing fragments to the queue of their Receive target."""
        self._drain()
        self.cond.notify_all()

    def _drain(self) -> None:
        while (payload := self.pool.data_to_send(self.fragment_size)) is not None:
            self.outgoing.setdefault(payload.pipeline_id, deque()).append(payload.data)

    def _write_clixml(self, pipeline_id: uuid.UUID, data: bytes) -> None:
        """The PIPELINE_OUTPUT ([MS-PSRP] 2.2.2.18) psrpcore's ``write_output`` would queue,
        with ``data`` from :func:`plain_clixml`; queued after what psrpcore holds, so the
        outputs keep their order."""
        self._drain()
        message = fragments.message(
            fragments.TO_CLIENT, pst.PSRPMessageType.PipelineOutput, self.pool.runspace_pool_id, pipeline_id, data
        )
        queue = self.outgoing.setdefault(pipeline_id, deque())
        queue.extend(fragments.fragments(fragments.next_object_id(), message, self.fragment_size))

    def take(self, target: Target, budget: int, timeout: float) -> tuple[list[bytes], bool] | None:
        """Long-poll: wait up to ``timeout`` for fragments for ``target``.

        Returns:
            The fragments that fit ``budget`` bytes and whether the pipeline is done, or
            ``None`` when nothing came in time (the caller sends the TimedOut fault).
        """
        with self.cond:
            self.cond.wait_for(lambda: bool(self.outgoing.get(target)) or self.closed, timeout=timeout)
            self._linger(target, budget)
            self.last_used = time.monotonic()
            queue = self.outgoing.get(target) or deque()
            chunks: list[bytes] = []
            size = 0
            while queue and (not chunks or size + len(queue[0]) <= budget):
                chunks.append(queue.popleft())
                size += len(chunks[-1])
            if not chunks:
                return None
            return chunks, self._is_done(target, queue)

    def _linger(self, target: Target, budget: int) -> None:
        """Let a running pipeline fill the reply a little longer: a batch's statements then
        come back in a few Receives instead of one per statement."""
        deadline = time.monotonic() + LINGER
        while target is not None and not self.closed and time.monotonic() < deadline:
            pipe = self.pipelines.get(target)
            if pipe is None or pipe.state in FINISHED or _size(self.outgoing.get(target)) >= budget:
                return
            self.cond.wait(deadline - time.monotonic())

    def _is_done(self, target: Target, queue: deque[bytes]) -> bool:
        if target is None or queue:
            return False
        pipe = self.pipelines.get(target)
        if pipe is None or pipe.state in FINISHED:
            self._drop(target)
            return True
        return False

    # --- signals and close --------------------------------------------------------------------

    def stop(self, pipeline_id: uuid.UUID) -> None:
        """PowerShell's stop (ctrl_c): the worker stops before the next statement."""
        with self.cond:
            self.stopping.add(pipeline_id)
            pipe = self.pipelines.get(pipeline_id)
            if pipe is not None and pipe.state == pst.PSInvocationState.Running:
                pipe.stop()
            self._flush()

    def terminate(self, pipeline_id: uuid.UUID) -> None:
        with self.cond:
            self.stopping.add(pipeline_id)
            self._drop(pipeline_id)

    def _drop(self, pipeline_id: uuid.UUID) -> None:
        for table in (self.received, self.inputs, self.pending):
            table.pop(pipeline_id, None)
        pipe = self.pipelines.pop(pipeline_id, None)
        if pipe is not None and pipe.state != pst.PSInvocationState.Running:
            pipe.close()
        self.outgoing.pop(pipeline_id, None)

    def close(self) -> None:
        """Close the pool (WSMan Delete, or idle timeout); running pipelines are stopped."""
        with self.cond:
            self.closed = True
            self.stopping.update(self.pipelines)
            for pipeline_id in list(self.pipelines):
                pipe = self.pipelines.pop(pipeline_id)
                if pipe.state == pst.PSInvocationState.Running:
                    pipe.stop()
                pipe.close()
            self.pool.pipeline_table.clear()
            self.pool.begin_close()
            self.pool.close()
            self.cond.notify_all()
        self.work.put(None)

    def is_idle_for(self, seconds: float) -> bool:
        return self.running == 0 and time.monotonic() - self.last_used > seconds


@dataclass(frozen=True)
class _TooMuchData:
    """A pipeline's client sent more than ``MaximumReceivedDataSizePerCommandMB``."""

    pipeline_id: uuid.UUID
    limit: int

    def error_record(self) -> pst.ErrorRecord:
        """PowerShell's ``ReceivedDataSizeExceededMaximumServer`` (RemotingErrorIdStrings.resx)."""
        exception = pst.NETException(
            Message="The total data received from the remote client exceeded the allowed maximum. "
            f"The allowed maximum is {self.limit}."
        )
        exception.PSObject.type_names = [
            "System.Management.Automation.Remoting.PSRemotingDataStructureException",
            *exception.PSTypeNames,
        ]
        return pst.ErrorRecord(
            Exception=exception,
            CategoryInfo=pst.ErrorCategoryInfo(
                Category=pst.ErrorCategory.ResourceUnavailable,  # inferred
                Reason="PSRemotingDataStructureException",
            ),
            FullyQualifiedErrorId="ReceivedDataSizeExceededMaximumServer",
        )


def fail(pipe: psrpcore.ServerPipeline, error: pst.ErrorRecord) -> None:
    """End a pipeline Failed with ``error`` as its terminating error: the PIPELINE_STATE
    message MS-PSRP 2.2.2.21 describes, queued with psrpcore's public ``prepare_message``
    (psrpcore offers ``complete`` and ``stop`` but no public "fail")."""
    message = pst.PipelineState(PipelineState=int(pst.PSInvocationState.Failed))
    message.ExceptionAsErrorRecord = error
    pipe.prepare_message(message)
    pipe.state = pst.PSInvocationState.Failed


_RECORD_BASES = "<T>System.Management.Automation.InformationalRecord</T><T>System.Object</T>"
_INFORMATIONAL_TYPES = {
    pst.WarningRecord: "<T>System.Management.Automation.WarningRecord</T>" + _RECORD_BASES,
    pst.VerboseRecord: "<T>System.Management.Automation.VerboseRecord</T>" + _RECORD_BASES,
    pst.DebugRecord: "<T>System.Management.Automation.DebugRecord</T>" + _RECORD_BASES,
}


def plain_clixml(value: Any) -> bytes | None:
    """The CLIXML psrpcore's serializer writes for a string, ``$null``, or a merged warning,
    verbose or debug record without invocation info; ``None`` for anything else.

    A batch's statement markers are a thousand string outputs, and a thousand Set- calls
    may each merge a warning into output: psrpcore's generic serializer spent most of the
    server's time on them (a record took ~0.3 ms). Same bytes (``<S>`` as [MS-PSRP]
    2.2.5.1.1, the record as 2.2.3.16), written directly.
    """
    if type(value) is str:
        return f"<S>{_text(value)}</S>".encode()
    if value is None:  # a $null output object ([MS-PSRP] 2.2.5.1, "Null Value")
        return b"<Nil />"
    types = _INFORMATIONAL_TYPES.get(type(value))
    if types is None or value.serialize_extended_info or not isinstance(value.Message, str):
        return None
    return (
        f'<Obj RefId="0"><TN RefId="0">{types}</TN><MS><S N="InformationalRecord_Message">{_text(value.Message)}</S>'
        '<B N="InformationalRecord_SerializeInvocationInfo">false</B></MS></Obj>'
    ).encode()


def _text(value: str) -> str:
    return str(escape(xmlstring.encode(value)))


class _CreatePipelineSieve:
    """Takes out of the incoming fragments the CREATE_PIPELINE messages ``clixml`` can read.

    psrpcore turns every CLIXML node of a message into a PSObject, seconds for a 1,000-call
    batch; the fast reader walks only the fields the server uses. Fragments of other
    messages, and of a CREATE_PIPELINE the reader declines, pass through unchanged and in
    order for psrpcore to read ([MS-PSRP] 2.2.4: fragments are reassembled per ObjectId).
    """

    def __init__(self, pool: psrpcore.ServerRunspacePool) -> None:
        self.pool = pool
        self.held: dict[int, list[bytes]] = {}  # ObjectId -> its fragments so far
        self.no_key = psrpcore.PSRemotingCrypto()  # no session key: a SecureString fails to read

    def sift(self, data: bytes) -> list[bytes | tuple[uuid.UUID, WirePipeline]]:
        """``data``'s fragments as runs of bytes for psrpcore and pipelines read here."""
        items: list[list[bytes] | tuple[uuid.UUID, WirePipeline]] = []
        offset = 0
        while offset < len(data):
            object_id, _, flags, length = _FRAGMENT_HEADER.unpack_from(data, offset)
            fragment = data[offset : offset + fragments.HEADER_SIZE + length]
            offset += len(fragment)
            if flags & 1 and fragment[fragments.HEADER_SIZE + 4 : fragments.HEADER_SIZE + 8] == _CREATE_PIPELINE:
                self.held[object_id] = []
            held = self.held.get(object_id)
            if held is None:
                _run_at_end(items).append(fragment)
                continue
            held.append(fragment)
            if flags & 2:
                items.append(self._complete(self.held.pop(object_id)))
        return [b"".join(item) if isinstance(item, list) else item for item in items]

    def _complete(self, held: list[bytes]) -> list[bytes] | tuple[uuid.UUID, WirePipeline]:
        """The pipeline read here, or the message's fragments for psrpcore."""
        message = b"".join(fragment[fragments.HEADER_SIZE :] for fragment in held)
        wire = read_create_pipeline(message[40:], self.deserialize_value)
        return held if wire is None else (uuid.UUID(bytes_le=message[24:40]), wire)

    def deserialize_value(self, element: Any) -> Any:
        """psrpcore's deserializer, for an argument that is an object. The reader declines a
        message with SecureStrings, so no session key is needed here."""
        return pst.deserialize(
            element,
            self.no_key,
            our_capability=self.pool.our_capability,
            their_capability=self.pool.their_capability,
        )


_FRAGMENT_HEADER = struct.Struct(">QQBI")
_CREATE_PIPELINE = struct.pack("<I", pst.PSRPMessageType.CreatePipeline)


def _run_at_end(items: list[list[bytes] | tuple[uuid.UUID, WirePipeline]]) -> list[bytes]:
    """The run of pass-through fragments at the end of ``items`` (a new one if needed):
    contiguous fragments go to psrpcore together."""
    if not items or not isinstance(items[-1], list):
        items.append([])
    return cast(list[bytes], items[-1])


def _write_information(pipe: psrpcore.ServerPipeline, record: Any) -> None:
    pipe.write_information(record.MessageData, record.Source, tags=list(record.Tags or []))


def _write_error(pipe: psrpcore.ServerPipeline, record: pst.ErrorRecord) -> None:
    pipe.write_error(
        record.Exception, record.CategoryInfo, record.TargetObject, record.FullyQualifiedErrorId, record.ErrorDetails
    )


_WRITERS: dict[str, Any] = {
    "output": lambda pipe, value: pipe.write_output(value),
    "error": _write_error,
    "warning": lambda pipe, value: pipe.write_warning(value),
    "verbose": lambda pipe, value: pipe.write_verbose(value),
    "information": _write_information,
}

_EVENT_HANDLERS: dict[type, Any] = {
    psrpcore.CreatePipelineEvent: Shell._on_create_pipeline,
    psrpcore.PipelineInputEvent: Shell._on_input,
    psrpcore.EndOfPipelineInputEvent: Shell._on_end_of_input,
    psrpcore.GetCommandMetadataEvent: Shell._on_command_metadata,
    psrpcore.SetMaxRunspacesEvent: Shell._on_runspace_request,
    psrpcore.SetMinRunspacesEvent: Shell._on_runspace_request,
    psrpcore.ResetRunspaceStateEvent: Shell._on_runspace_request,
    psrpcore.GetAvailableRunspacesEvent: Shell._on_available_runspaces,
}
