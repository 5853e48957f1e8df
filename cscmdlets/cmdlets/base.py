"""What a cmdlet implementation sees: its bound parameters, the backend, and a way to write.

An implementation is ``def impl(call: Invocation) -> None``, registered for its metadata with
``@cmdlet(METADATA)``. It validates everything first (small ``rule_*`` functions citing the
Microsoft page they follow), then writes through ``call.backend``; ``call.should_process`` implements
-WhatIf/-Confirm (about_Functions_CmdletBindingAttribute, ShouldProcess).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import AuditEntry, Change
from ..powershell.binder import BoundCommand
from ..powershell.engine import Result
from ..powershell.errors import NonInteractivePrompt, PowerShellError
from ..powershell.metadata import NOT_GIVEN, CommandMetadata, ConfirmImpact, should_process_message
from .backend import Backend

__all__ = ["IMPLEMENTATIONS", "REGISTERED", "Host", "Invocation", "cmdlet", "given"]

Implementation = Callable[["Invocation"], None]
#: Each command's behaviour, by its metadata's exact name.
IMPLEMENTATIONS: dict[str, Implementation] = {}
#: Each registered command's metadata, by its exact name (``find_command`` reads it once the
#: module ``cmdlets/_index.py`` names is imported).
REGISTERED: dict[str, CommandMetadata] = {}


def cmdlet(metadata: CommandMetadata) -> Callable[[Implementation], Implementation]:
    """Register ``impl`` as the behaviour of ``metadata`` (the COMMANDS tuple lists the metadata)."""

    def register(impl: Implementation) -> Implementation:
        IMPLEMENTATIONS[metadata.name] = impl
        REGISTERED[metadata.name] = metadata
        return impl

    return register


def given(value: Any) -> bool:
    return value is not NOT_GIVEN


@dataclass
class Host:
    """The PowerShell host the commands run in. Non-interactive unless ``confirm`` is set.

    ``confirm`` answers a -Confirm prompt (``True`` = Yes); ``None`` means the host cannot
    prompt, so a prompt fails as ``pwsh -NonInteractive`` does.
    """

    what_if_preference: bool = False
    confirm_preference: ConfirmImpact = ConfirmImpact.HIGH
    confirm: Callable[[str, str], bool] | None = None


@dataclass(slots=True, init=False)
class Invocation:
    """One running command: bound parameters in, output/errors/changes out."""

    command: BoundCommand
    backend: Backend
    host: Host
    result: Result = field(default_factory=Result.fresh)
    audit_entries: list[AuditEntry] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    #: Parameters the module generation accepts but leaves to a policy (``ModuleProfile``).
    policy_managed: frozenset[str] = frozenset()
    #: The bound parameters by declared name (the rules read them many times per call).
    values: Mapping[str, Any] = field(init=False)
    is_what_if: bool = field(init=False)

    def __init__(
        self,
        command: BoundCommand,
        backend: Backend,
        host: Host,
        result: Result | None = None,
        audit_entries: list[AuditEntry] | None = None,
        changes: list[Change] | None = None,
        policy_managed: frozenset[str] = frozenset(),
    ) -> None:
        # Written out, not the dataclass's: its default factories and __post_init__ cost a
        # Python call each, once per command.
        self.command = command
        self.backend = backend
        self.host = host
        self.result = Result.fresh() if result is None else result
        self.audit_entries = [] if audit_entries is None else audit_entries
        self.changes = [] if changes is None else changes
        self.policy_managed = policy_managed
        self.values = command.values
        what_if = command.common.what_if
        self.is_what_if = host.what_if_preference if what_if is None else what_if

    @property
    def name(self) -> str:
        return self.command.metadata.name

    def get(self, name: str, default: Any = NOT_GIVEN) -> Any:
        return self.values.get(name, default)

    def has(self, name: str) -> bool:
        return name in self.values

    def has_any(self, names: Iterable[str]) -> bool:
        return not self.values.keys().isdisjoint(names)

    def switch(self, name: str) -> bool:
        return bool(self.values.get(name, False))

    def write_output(self, value: Any) -> None:
        self.result.output.append(value)

    def write_warning(self, text: str) -> None:
        self.result.warnings.append(text)

    def set_variable(self, name: str, value: Any) -> None:
        """Sets a variable in the caller's scope, as Graph cmdlets' ``-CountVariable`` does."""
        self.result.variables[name.lstrip("$")] = value

    def write_error(self, error: PowerShellError) -> None:
        """A non-terminating error; -ErrorAction decides what the caller does with it."""
        error.for_command(self.name, self.command.metadata.implementing_type)
        self.result.errors.append(error.error_record)

    def should_process(self, target: str, action: str | None = None) -> bool:
        """ShouldProcess(target, action): -WhatIf prints and simulates, -Confirm prompts."""
        if self.is_what_if:
            self.result.host.append(f"What if: {self._operation(target, action)}")
            return True  # the engine runs the command and rolls it back, to show the plan
        common = self.command.common
        if (
            common.confirm is None
            and not common.verbose
            and self.host.confirm_preference > self.command.metadata.confirm_impact
        ):
            return True  # the usual call: no -Confirm or -Verbose, and no prompt due (whatever -Force)
        if self._needs_confirmation():
            self._confirm(self._operation(target, action))
        if common.verbose:
            self.result.verbose.append(self._operation(target, action))
        return True

    def _operation(self, target: str, action: str | None) -> str:
        return should_process_message(action or self.name, target)

    def _needs_confirmation(self) -> bool:
        confirm = self.command.common.confirm
        if confirm is not None:
            threshold = ConfirmImpact.LOW if confirm else ConfirmImpact.NONE
        elif self.switch("Force"):
            threshold = ConfirmImpact.NONE
        else:
            threshold = self.host.confirm_preference
        return threshold is not ConfirmImpact.NONE and self.command.metadata.confirm_impact >= threshold

    def _confirm(self, operation: str) -> None:
        if self.host.confirm is None:
            raise NonInteractivePrompt()
        message = f"Are you sure you want to perform this action?\n{operation}"
        if not self.host.confirm("Confirm", message):
            raise _Declined()

    # --- what the command changed ----------------------------------------------------------------

    def save_user(self, before: Any, after: Any, parameters: dict[str, Any], changed: Any = None) -> None:
        """Save ``after`` in place of ``before`` and audit it; ``changed`` names the fields
        ``after`` may differ in, if the caller knows (``Backend.commit_user``)."""
        self.audit_entries.append(self.backend.commit_user(self.name, parameters, before, after, changed))

    def audit(self, target: str, before: Any, after: Any, parameters: dict[str, Any]) -> None:
        self.audit_entries.append(self.backend.audit(self.name, parameters, target, before, after))

    def record_change(self, user: Any, kinds: Any, **extra: Any) -> None:
        self.changes.append(self.backend.change(self.name, user, kinds, **extra))


class _Declined(Exception):
    """The user answered No at a -Confirm prompt: the command skips its change."""
