"""``RemoteEngine``: the Engine seam over PSRP, to a real host or to ``cscmdlets serve``.

Commands arrive already bound by the local binder with the same metadata (a typo fails
before anything is sent) and go out as ``add_cmdlet`` + ``add_parameter`` with typed CLIXML
values — never ``add_script``, never text built from values, so no value can inject
PowerShell.

Each command's error, warning and verbose streams are merged into output (``2>&1``), and a
``Write-Output <marker>`` statement follows it, so one pipeline of many statements still
hands each command its own results in order: that is how :meth:`RemoteEngine.batch` sends
1,000 calls in a few round trips instead of 3,000 (pypsrp's ``PowerShell.add_statement``,
which PowerShell sends as ExtraCmds). Scalar-only batches are written by ``clixml.py``, the rest by pypsrp.
A command with a parameter that names a variable it sets in its caller's scope
(``names_variable`` in the metadata: ``-CountVariable``) is followed, before its end marker,
by a marker and a ``Get-Variable -Name <n> -ValueOnly`` per variable, whose output becomes
``Result.variables``; other commands send nothing more.
Non-terminating errors come back in ``Result.errors`` (pypsrp does not flag them in
``had_errors``), whether the host merged them as asked or wrote them to the error stream; a
terminating error raises the same ``PowerShellError`` class as the emulator.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import logging
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..powershell.binder import BoundCommand, CommonParameters
from ..powershell.engine import Result
from ..powershell.errors import ErrorRecord, PowerShellError
from ..powershell.metadata import ActionPreference
from . import notes
from .clixml import MERGE_NONE, MERGE_OUTPUT, WireCommand, is_scalar
from .errors import error_from_record
from .host import RemoteHost
from .psrp import PoolSession
from .values import from_ps_object, normalise

if TYPE_CHECKING:
    from pypsrp.powershell import PowerShell

__all__ = ["Batch", "Pending", "RemoteEngine"]

log = logging.getLogger(__name__)

MARKER_PREFIX = "cscmdlets-statement-end:"
#: Between a statement's end marker and a variable's index: the marker before that variable's value.
VARIABLE_SEPARATOR = ":variable:"
#: Commands per pipeline in a batch: small enough to overlap packing with the host's work.
CHUNK = 200


def common_parameters(common: CommonParameters) -> dict[str, Any]:
    """The common parameters worth sending: preferences and -WhatIf/-Confirm/-Verbose.

    -ErrorVariable/-OutVariable name variables in the remote runspace, useless here.
    """
    values: dict[str, Any] = {}
    if common.error_action is not None:
        values["ErrorAction"] = common.error_action.name
    if common.warning_action is not None:
        values["WarningAction"] = common.warning_action.name
    for name, flag in (("WhatIf", common.what_if), ("Confirm", common.confirm)):
        if flag is not None:
            values[name] = bool(flag)
    if common.verbose:
        values["Verbose"] = True
    return values


@functools.cache
def _command_class() -> type:
    """pypsrp's ``Command``, minus a cost: pypsrp deep-copies every command twice while
    packing a pipeline (``Pipeline._get_statements``). Serialisation never mutates a
    command, so a copy sharing the primitive values is enough."""
    from pypsrp.complex_objects import Command, ComplexObject

    def copy_argument(argument: Any) -> Any:
        # A complex value is serialised as <Ref> the second time pypsrp meets the same
        # object, without its N= name, so those alone are still copied deeply.
        clone = copy.copy(argument)
        if isinstance(argument.value, ComplexObject):
            clone.value = copy.deepcopy(argument.value)
        return clone

    class SharedValueCommand(Command):
        def __deepcopy__(self, memo: dict[int, Any]) -> Any:
            clone = copy.copy(self)
            clone.args = [copy_argument(argument) for argument in self.args]
            return clone

    return SharedValueCommand


def _is_protocol_23(version: str | None) -> bool:
    try:
        return tuple(int(part) for part in (version or "").split(".")) >= (2, 3)
    except ValueError:
        return False


def _add_cmdlet(ps: PowerShell, name: str) -> None:
    """``ps.add_cmdlet(name)``: a command name, never script (``is_script=False``)."""
    protocol = ps.runspace_pool.protocol_version or ""
    ps.add_command(_command_class()(name, protocol_version=protocol, is_script=False))


def _arguments(command: BoundCommand) -> dict[str, Any]:
    """Bound values by parameter name, normalised for the wire, then the common parameters."""
    values = {name: normalise(value) for name, value in command.values.items()}
    return {**values, **common_parameters(command.common)}


def variables_set(command: BoundCommand) -> list[str]:
    """The names of the variables ``command`` sets in its caller's scope: the values of its
    parameters that name one (``-CountVariable cnt``), as the metadata flags them."""
    return [str(command.values[name]) for name in command.metadata.variable_parameters if name in command.values]


def variable_marker(marker: str, index: int) -> str:
    """The marker written before the value of the command's ``index``-th variable."""
    return f"{marker}{VARIABLE_SEPARATOR}{index}"


def _read_back(name: str) -> list[tuple[str, Any]]:
    """``Get-Variable -Name <name> -ValueOnly -ErrorAction SilentlyContinue``: a variable the
    command did not set writes nothing (GetVariableCommand in PowerShell's
    ``src/Microsoft.PowerShell.Commands.Utility/commands/utility/Var.cs``)."""
    return [("Name", name), ("ValueOnly", True), ("ErrorAction", "SilentlyContinue")]


def wire_commands(slots: Sequence[Pending], markers: Sequence[str]) -> list[WireCommand] | None:
    """The batch as ``clixml`` writes it, or ``None`` if a value needs pypsrp's serializer."""
    wire: list[WireCommand] = []
    for slot, marker in zip(slots, markers, strict=True):
        arguments = _arguments(slot.command)
        if not all(is_scalar(value) for value in arguments.values()):
            return None
        wire.append(
            WireCommand(slot.command.metadata.name, list(arguments.items()), MERGE_OUTPUT, end_of_statement=True)
        )
        for index, name in enumerate(variables_set(slot.command)):
            wire.append(_write_output(variable_marker(marker, index)))
            wire.append(WireCommand("Get-Variable", _read_back(name), MERGE_NONE, end_of_statement=True))
        wire.append(_write_output(marker))
    return wire


def _write_output(marker: str) -> WireCommand:
    return WireCommand("Write-Output", [("InputObject", marker)], MERGE_NONE, end_of_statement=True)


def add_command(ps: PowerShell, command: BoundCommand, marker: str) -> None:
    """Append one bound command and its end marker as two statements (pypsrp packs them);
    a command that sets variables gets, between them, a marker and a ``Get-Variable`` each."""
    _add_cmdlet(ps, command.metadata.name)
    ps.add_parameters(_arguments(command))
    ps.merge_error("output").merge_warning("output").merge_verbose("output")
    ps.add_statement()
    for index, name in enumerate(variables_set(command)):
        _add_cmdlet(ps, "Write-Output")
        ps.add_parameter("InputObject", variable_marker(marker, index)).add_statement()
        _add_cmdlet(ps, "Get-Variable")
        ps.add_parameters(dict(_read_back(name))).add_statement()
    _add_cmdlet(ps, "Write-Output")
    ps.add_parameter("InputObject", marker).add_statement()


@dataclass
class Pending:
    """One command of a batch: its :class:`Result` once the batch ran, or its error."""

    command: BoundCommand
    result: Result = field(default_factory=Result)
    error: PowerShellError | None = None
    done: bool = False
    #: The command ran and its variables are being read back (its first variable marker came).
    reading_variables: bool = False

    def get(self) -> Result:
        """The command's result; raises its terminating error. Only after the batch ran."""
        if not self.done:
            raise RuntimeError("the batch has not run yet: read results after the with block")
        if self.error is not None:
            raise self.error
        return self.result


def _to_result_item(item: Any, result: Result, command_name: str) -> None:
    """Sort one merged-output item into the command's Result streams."""
    from pypsrp.complex_objects import ErrorRecord as WireErrorRecord
    from pypsrp.complex_objects import GenericComplexObject, InformationalRecord

    if isinstance(item, WireErrorRecord):
        result.errors.append(ErrorRecord.from_error(error_from_record(item, command_name=command_name)))
    elif isinstance(item, InformationalRecord):
        _informational(item, result, command_name)
    elif isinstance(item, GenericComplexObject):
        properties = {**item.adapted_properties, **item.extended_properties}
        result.output.append(from_ps_object(item.types, properties, item.to_string))
    else:
        result.output.append(item)


def _informational(item: Any, result: Result, command_name: str) -> None:
    from pypsrp.messages import VerboseRecord, WarningRecord  # the classes pypsrp reads those type names as

    message = str(item.message)
    if isinstance(item, WarningRecord):
        log.warning("%s: %s", command_name, message)  # the "warnings go to logging"
        result.warnings.append(message)
    elif isinstance(item, VerboseRecord):
        result.verbose.append(message)
    else:
        log.debug("%s: %s", command_name, message)


class Batch:
    """Commands collected inside ``with engine.batch():``, sent in one round trip on exit."""

    def __init__(self, engine: RemoteEngine) -> None:
        self.engine = engine
        self.pending: list[Pending] = []

    def submit(self, command: BoundCommand) -> Pending:
        pending = Pending(command)
        self.pending.append(pending)
        return pending

    def __len__(self) -> int:
        return len(self.pending)


class RemoteEngine:
    """``Engine`` for a remote PowerShell host; keeps one RunspacePool open.

    Args:
        host: the endpoint, its credentials and the setup calls.
    """

    def __init__(self, host: RemoteHost) -> None:
        self.host = host
        self.session = PoolSession(host)
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"RemoteEngine({self.host!r})"

    def invoke(self, command: BoundCommand) -> Result:
        """Run one command remotely (or queue it in the active batch).

        Inside :meth:`batch`, returns the command's ``Result`` object, filled when the
        batch runs; its terminating error is raised when the ``with`` block ends.

        Raises:
            PowerShellError: the command's terminating error, or a remoting error.
        """
        batch: Batch | None = getattr(self._local, "batch", None)
        if batch is not None:
            return batch.submit(command).result
        (pending,) = self.run([command])
        return pending.get()

    @contextlib.contextmanager
    def batch(self, *, raise_errors: bool = True) -> Iterator[Batch]:
        """Collect commands and send them together when the block ends.

        Args:
            raise_errors: after the batch ran, raise the first error of its commands, as the
                Python functions raise a call's first error record unless its -ErrorAction
                is SilentlyContinue or Ignore (each ``Pending`` keeps its own either way).
        """
        if getattr(self._local, "batch", None) is not None:
            yield self._local.batch  # nested: the outer batch sends everything
            return
        batch = self._local.batch = Batch(self)
        try:
            yield batch
        finally:
            self._local.batch = None
        self.run([p.command for p in batch.pending], batch.pending)
        failed = _first_failure(batch.pending)
        if raise_errors and failed is not None:
            raise failed

    def run(self, commands: Sequence[BoundCommand], pending: Sequence[Pending] | None = None) -> list[Pending]:
        """Send ``commands`` as statements of as few pipelines as terminating errors allow.

        Big batches go as several pipelines of up to :data:`CHUNK` commands, all sent before
        the first is awaited. A terminating error ends its pipeline on the host; the commands
        after it in that pipeline did not run and are sent again afterwards (after the later
        pipelines), so each still gets the result it would alone.
        """
        slots = list(pending) if pending is not None else [Pending(c) for c in commands]
        waiting = slots
        try:
            while waiting:
                chunks = [waiting[start : start + CHUNK] for start in range(0, len(waiting), CHUNK)]
                started = self.session.run_many([self._builder(chunk) for chunk in chunks])
                waiting = [slot for chunk, ps in zip(chunks, started, strict=True) for slot in _settle(ps, chunk)]
        except PowerShellError as error:  # the connection failed: every unsettled call gets that error
            for slot in slots:
                if not slot.done:
                    slot.error, slot.done = error, True
            raise
        return slots

    def _builder(self, slots: Sequence[Pending]) -> Callable[[PowerShell], None]:
        token = uuid.uuid4().hex
        markers = [f"{MARKER_PREFIX}{token}:{index}" for index in range(len(slots))]

        def build(ps: PowerShell) -> None:
            notes.MARKERS[ps] = markers
            wire = wire_commands(slots, markers) if _is_protocol_23(ps.runspace_pool.protocol_version) else None
            if wire is not None:
                notes.PREPACKED[ps] = wire
                return
            for slot, marker in zip(slots, markers, strict=True):
                add_command(ps, slot.command, marker)

        return build

    def open(self) -> RemoteEngine:
        """Open the RunspacePool and run the setup calls now, so a wrong password or an
        unreachable host fails here rather than at the first call (it opens lazily otherwise).

        Raises:
            RemotingError: the host refused or could not be reached.
            PowerShellError: a setup call failed.
        """
        self.session.open()
        return self

    def close(self) -> None:
        """Close the RunspacePool on the host."""
        self.session.close()

    def __enter__(self) -> RemoteEngine:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


_SILENT = (ActionPreference.SilentlyContinue, ActionPreference.Ignore)


def _first_failure(pending: Sequence[Pending]) -> PowerShellError | None:
    for slot in pending:
        if slot.error is not None:
            return slot.error
        if slot.result.errors and slot.command.common.error_action not in _SILENT:
            return slot.result.errors[0].error
    return None


def _settle(ps: PowerShell, slots: Sequence[Pending]) -> list[Pending]:
    """Hand out one pipeline's results; returns the slots it did not run."""
    settled = _distribute(ps.output, slots, notes.MARKERS[ps])
    _collect_error_stream(ps, slots[: max(settled, 1)])
    _collect_warning_stream(ps, slots)
    if settled < len(slots) and ps.had_errors:
        _fail(slots[settled], _terminating(ps, slots[settled].command))
        settled += 1
    _attach_information(ps, slots)
    if settled == 0:  # neither output nor an error: do not resend forever
        slots[0].error = _terminating(ps, slots[0].command)
        slots[0].done = True
        settled = 1
    return list(slots[settled:])


def _fail(slot: Pending, error: PowerShellError) -> None:
    """The pipeline failed in ``slot``'s statements. If the command itself had run and only
    reading its variables back failed (a JEA endpoint need not expose Get-Variable), its
    output stands and the failure is its error record; otherwise the failure is its own."""
    if slot.reading_variables:
        slot.result.errors.append(ErrorRecord.from_error(error))
    else:
        slot.error = error
    slot.done = True


def _distribute(output: list[Any], slots: Sequence[Pending], markers: Sequence[str]) -> int:
    """Give each slot the merged output before its marker; returns how many finished.

    Output after a variable marker is that variable's value, up to the next marker."""
    index = 0
    sink: Result | None = None  # a variable's value being read, else the command's output
    values: dict[str, Result] = {}
    for item in output:
        if index >= len(slots):
            continue
        if isinstance(item, str) and item.startswith(markers[index]):
            if item == markers[index]:
                _set_variables(slots[index].result, values)
                slots[index].done = True
                index, sink, values = index + 1, None, {}
                continue
            sink = _variable_sink(item, markers[index], slots[index].command, values)
            if sink is not None:
                slots[index].reading_variables = True
                continue
        _to_result_item(item, slots[index].result if sink is None else sink, slots[index].command.metadata.name)
    return index


def _variable_sink(item: str, marker: str, command: BoundCommand, values: dict[str, Result]) -> Result | None:
    """Where the value of the variable ``item`` marks goes; ``None`` if it marks none."""
    names = variables_set(command)
    for index, name in enumerate(names):
        if item == variable_marker(marker, index):
            return values.setdefault(name.lstrip("$"), Result())
    return None


def _set_variables(result: Result, values: dict[str, Result]) -> None:
    """A variable read back is its one value (``Get-Variable -ValueOnly`` writes it whole);
    one that wrote nothing was not set, so it stays unset here too."""
    for name, read in values.items():
        if read.output:
            result.variables[name] = read.output[0] if len(read.output) == 1 else list(read.output)


def _collect_error_stream(ps: PowerShell, slots: Sequence[Pending]) -> None:
    """Non-terminating errors a host wrote to the error stream instead of merging them into
    output as asked: each goes to the first command it names (its activity), else the first.
    The last record of a failed pipeline is its terminating error, handled by the caller."""
    records = ps.streams.error[:-1] if ps.had_errors else ps.streams.error
    for record in records:
        slot = _slot_for_error(record, slots)
        error = error_from_record(record, command_name=slot.command.metadata.name)
        slot.result.errors.append(ErrorRecord.from_error(error))


def _slot_for_error(record: Any, slots: Sequence[Pending]) -> Pending:
    """The command an unmerged error record is about: the first given its target object
    (``-Identity x`` failing on ``x``), else the first it names as its activity, else the first."""
    target = getattr(record, "target_object", None)
    if isinstance(target, str) and target:
        for slot in slots:
            if any(isinstance(value, str) and value == target for value in slot.command.values.values()):
                return slot
    activity = str(getattr(record, "activity", "") or "").lower()
    return next((s for s in slots if s.command.metadata.name.lower() == activity), slots[0])


def _collect_warning_stream(ps: PowerShell, slots: Sequence[Pending]) -> None:
    """Warnings a host wrote to the warning stream instead of merging them into output as
    asked: with one command they are its own; in a batch they are only logged (the stream
    keeps no per-statement order)."""
    for record in ps.streams.warning:
        message = str(record.message)
        log.warning("%s: %s", slots[0].command.metadata.name, message)
        if len(slots) == 1:
            slots[0].result.warnings.append(message)


def _terminating(ps: PowerShell, command: BoundCommand) -> PowerShellError:
    if ps.streams.error:
        return error_from_record(ps.streams.error[-1], command_name=command.metadata.name)
    from .errors import RemoteError

    return RemoteError(message="The pipeline failed without an error record.", command_name=command.metadata.name)


def _attach_information(ps: PowerShell, slots: Sequence[Pending]) -> None:
    """Host lines (``What if: …``) arrive on one stream for the whole pipeline; with one
    command they are its own, in a batch they are only logged (no per-statement order)."""
    lines = [str(getattr(record, "message_data", "")) for record in ps.streams.information]
    if len(slots) == 1 or len(lines) == 0:
        slots[0].result.host.extend(lines)
        return
    for line in lines:
        log.info("remote host: %s", line)
