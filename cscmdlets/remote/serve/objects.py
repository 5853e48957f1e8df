"""What the server writes: models, error records and command metadata as psrpcore objects.

Output objects keep their real type names and go out as adapted properties (``<Props>``),
as a Windows host serialises .NET objects (the serialization rules of [MS-PSRP],
Microsoft's PowerShell Remoting Protocol). Error records carry
the same FullyQualifiedErrorId and category the local emulator reports.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Mapping
from typing import Any

from psrpcore import types as pst
from pydantic import BaseModel

from ...powershell.errors import ErrorRecord
from ...powershell.errors import dotnet_type_name as short_type_name
from ...powershell.metadata import CommandMetadata, Parameter

__all__ = ["error_record", "information_record", "metadata_count", "to_ps_object", "to_wire", "wire_metadata"]

_INT32 = range(-(2**31), 2**31)


def to_wire(value: Any) -> Any:
    """A Python value as psrpcore serialises it: models become PSObjects, tuples lists.

    Integers outside Int32 become ``PSInt64`` (psrpcore would overflow them), enums their
    value, so the client sees the primitive PowerShell would send ([MS-PSRP], primitive types).
    """
    if isinstance(value, BaseModel):
        return to_ps_object(value)
    if isinstance(value, pst.PSObject):
        return value
    if isinstance(value, enum.Enum):
        return to_wire(value.value)
    if isinstance(value, bool | str | uuid.UUID | dt.datetime | bytes | float) or value is None:
        return value
    if isinstance(value, int):
        return value if value in _INT32 else pst.PSInt64(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [to_wire(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): to_wire(item) for key, item in value.items()}
    return str(value)


def to_ps_object(model: BaseModel) -> pst.PSObject:
    """A model as a .NET object: its type names, and its properties as adapted ones."""
    obj = pst.PSObject()
    names = list(getattr(type(model), "ps_type_names", ("System.Object",)))
    obj.PSObject.type_names = names
    obj.PSObject.to_string = names[0]
    dump = getattr(model, "ps_members", None)
    properties = dump(mode="python") if callable(dump) else model.model_dump(by_alias=True, mode="python")
    for name, value in properties.items():  # nested models go as objects, as .NET sends them
        obj.PSObject.adapted_properties.append(pst.PSNoteProperty(name, to_wire(value)))
    return obj


def _exception(record: ErrorRecord) -> pst.NETException:
    exception = pst.NETException(Message=record.message)
    base = [record.exception_type, "System.Exception", "System.Object"]
    exception.PSObject.type_names = list(dict.fromkeys(base))
    return exception


def error_record(record: ErrorRecord) -> pst.ErrorRecord:
    """Our :class:`ErrorRecord` as psrpcore's, FQEID and category unchanged."""
    target = record.target_object
    info = pst.ErrorCategoryInfo(
        Category=pst.ErrorCategory(int(record.category)),
        Activity=record.invocation.command_name or None,
        Reason=record.reason,
        TargetName="" if target is None else str(target),
        TargetType=short_type_name(target),
    )
    details = pst.ErrorDetails(Message=record.message, RecommendedAction=record.recommended_action or None)
    return pst.ErrorRecord(
        Exception=_exception(record),
        CategoryInfo=info,
        TargetObject=to_wire(target),
        FullyQualifiedErrorId=record.fully_qualified_error_id,
        ErrorDetails=details if record.recommended_action else None,
    )


def information_record(text: str, source: str) -> pst.InformationRecord:
    """A host line (``What if: …``) as Write-Host sends it: an InformationRecord tagged PSHOST."""
    return pst.InformationRecord.create(message_data=text, source=source, tags=["PSHOST"])


def variable_object(name: str, value: Any) -> pst.PSObject:
    """What ``Get-Variable`` writes without ``-ValueOnly``: a PSVariable's Name and Value."""
    obj = pst.PSObject()
    obj.PSObject.type_names = ["System.Management.Automation.PSVariable", "System.Object"]
    for key, item in (("Name", name), ("Value", to_wire(value))):
        obj.PSObject.adapted_properties.append(pst.PSNoteProperty(key, item))
    return obj


# --- GetCommandMetadata (MS-PSRP 2.2.2.14, 2.2.3.21-23) -------------------------------------------


def metadata_count(count: int) -> pst.PSObject:
    """The first object of a GetCommandMetadata reply: how many commands follow."""
    obj = pst.PSObject()
    obj.PSObject.type_names = [
        "Selected.Microsoft.PowerShell.Commands.GenericMeasureInfo",
        "System.Management.Automation.PSCustomObject",
        "System.Object",
    ]
    obj.PSObject.extended_properties.append(pst.PSNoteProperty("Count", count))
    return obj


def _parameter(parameter: Parameter) -> pst.PSObject:
    obj = pst.PSObject()
    obj.PSObject.type_names = ["System.Management.Automation.ParameterMetadata", "System.Object"]
    for name, value in (
        ("Name", parameter.name),
        ("ParameterType", parameter.type.dotnet_name),
        ("Aliases", list(parameter.aliases)),
        ("SwitchParameter", parameter.is_switch),
        ("IsDynamic", False),
    ):
        obj.PSObject.adapted_properties.append(pst.PSNoteProperty(name, value))
    return obj


def wire_metadata(metadata: CommandMetadata) -> pst.PSObject:
    """One CommandMetadata reply object, from the same metadata the binder uses."""
    obj = pst.PSObject()
    obj.PSObject.type_names = ["System.Management.Automation.PSCustomObject", "System.Object"]
    output = getattr(metadata.output_type, "ps_type_names", ())
    values: dict[str, Any] = {
        "Name": metadata.name,
        "Namespace": "MicrosoftTeams",
        "HelpUri": "",
        "CommandType": pst.CommandTypes.Cmdlet,
        "OutputType": list(output[:1]),
        "Parameters": {p.name: _parameter(p) for p in metadata.all_parameters},
    }
    for name, value in values.items():
        obj.PSObject.extended_properties.append(pst.PSNoteProperty(name, value))
    return obj


def internal_error(error: Exception) -> pst.ErrorRecord:
    """A server bug as the terminating error a host reports for an unexpected exception."""
    exception = pst.NETException(Message=f"{type(error).__name__}: {error}")
    return pst.ErrorRecord(
        Exception=exception,
        CategoryInfo=pst.ErrorCategoryInfo(Category=pst.ErrorCategory.NotSpecified, Reason="RuntimeException"),
        FullyQualifiedErrorId="RuntimeException",
    )
