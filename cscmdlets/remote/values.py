"""Values across the wire, both ways, for the passthrough and the server.

Outgoing: Python values normalised for pypsrp's serializer, which guesses a CLIXML tag from
the exact Python type and gets several wrong (pypsrp 0.9's ``serializer.py``): tuples crash it,
big ints overflow Int32, floats become Single, datetimes crash.

Incoming: deserialised objects become the same pydantic models the emulator returns, matched
by type name with ``Deserialized.``/``Selected.`` stripped; adapted and extended properties
are merged (extended wins, as in PowerShell's ETS), unknown properties are kept and missing
ones tolerated ([MS-PSRP], complex objects).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError

from .. import model as _model

__all__ = ["RemoteObject", "from_ps_object", "model_class_for", "normalise", "strip_type_name"]

log = logging.getLogger(__name__)

_INT32 = range(-(2**31), 2**31)


def normalise(value: Any) -> Any:
    """A Python value as pypsrp must be given it to send the right CLIXML type.

    Args:
        value: a bound parameter value.

    Returns:
        A value pypsrp serialises faithfully: ``TaggedValue`` for Int64, Double, Decimal and
        SecureString, lists for tuples and sets, ISO text for datetimes (PowerShell converts
        it on binding), a deserialised-object shape for models.
    """
    from pypsrp.serializer import TaggedValue

    if value is None or isinstance(value, bool | str | uuid.UUID | bytes | TaggedValue):
        return str(value) if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return normalise(value.value)
    if isinstance(value, int):
        return int(value) if value in _INT32 else TaggedValue("I64", int(value))
    return _normalise_other(value, TaggedValue)


def _normalise_other(value: Any, tagged: Any) -> Any:
    if isinstance(value, float):
        return tagged("Db", value)
    if isinstance(value, decimal.Decimal):
        return tagged("D", str(value))
    if isinstance(value, SecretStr):
        return tagged("SS", value.get_secret_value())
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return _as_complex_object(value)
    if isinstance(value, Mapping):
        return {str(key): normalise(item) for key, item in value.items()}
    if isinstance(value, Iterable):
        return [normalise(item) for item in value]
    return str(value)


def _as_complex_object(value: BaseModel) -> Any:
    """A model as a property bag with its type names, as a deserialised object is sent back."""
    from pypsrp.complex_objects import GenericComplexObject

    obj = GenericComplexObject()
    obj.types = list(getattr(type(value), "ps_type_names", ("System.Object",)))
    dump = getattr(value, "ps_members", None)
    properties = dump(mode="python") if callable(dump) else value.model_dump(by_alias=True)
    obj.extended_properties = {k: normalise(v) for k, v in properties.items()}
    return obj


# --- incoming ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RemoteObject:
    """An object of a type cscmdlets has no model for: its type names and properties."""

    type_names: tuple[str, ...]
    properties: Mapping[str, Any] = field(default_factory=dict)
    to_string: str | None = None

    def __getitem__(self, name: str) -> Any:
        return self.properties[name]

    def to_ps(self) -> dict[str, Any]:
        return dict(self.properties)

    def __str__(self) -> str:
        return self.to_string if self.to_string is not None else self.type_names[0]


def strip_type_name(name: str) -> str:
    """``Deserialized.X`` and ``Selected.X`` name the type X."""
    for prefix in ("Deserialized.", "Selected."):
        name = name.removeprefix(prefix)
    return name


def _subclasses(cls: type[_model.PSModel]) -> Iterable[type[_model.PSModel]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@functools.cache
def _registry() -> dict[str, type[_model.PSModel]]:
    table: dict[str, type[_model.PSModel]] = {}
    for cls in _subclasses(_model.PSModel):
        name = cls.ps_type_names[0]
        if name != "System.Object" and not getattr(cls, "_remote_extra", False):
            known = table.get(name)
            if known is None or issubclass(cls, known):  # the output model over the stored one
                table[name] = cls
    return table


def model_class_for(type_names: Iterable[str]) -> type[_model.PSModel] | None:
    """The model whose PowerShell type is the first known name in ``type_names``."""
    registry = _registry()
    for name in type_names:
        cls = registry.get(strip_type_name(name))
        if cls is not None:
            return cls
    return None


@functools.cache
def _with_extra(cls: type[_model.PSModel]) -> type[_model.PSModel]:
    """A subclass that keeps properties the model does not declare (a newer module's)."""
    config = ConfigDict(**{**cls.model_config, "extra": "allow"})
    return type(cls.__name__, (cls,), {"model_config": config, "_remote_extra": True, "__module__": __name__})


def from_ps_object(type_names: Iterable[str], properties: Mapping[str, Any], to_string: str | None = None) -> Any:
    """A deserialised object as the emulator's model, else as a :class:`RemoteObject`.

    Args:
        type_names: the object's type names as received (prefixes are stripped here).
        properties: adapted and extended properties merged, extended winning.
        to_string: the object's ``<ToString>``.
    """
    names = tuple(type_names)
    properties = {name: _nested_value(value) for name, value in properties.items()}
    cls = model_class_for(names)
    if cls is None:
        return RemoteObject(names, dict(properties), to_string)
    return _build(cls, properties)


def _nested_value(value: Any) -> Any:
    """A property holding objects (a bridge's ServiceNumbers): each becomes its model too."""
    from pypsrp.complex_objects import GenericComplexObject

    if isinstance(value, GenericComplexObject):
        properties = {**value.adapted_properties, **value.extended_properties}
        if model_class_for(value.types) is None:  # a plain nested record: its model field validates it
            return {name: _nested_value(item) for name, item in properties.items()}
        return from_ps_object(value.types, properties, value.to_string)
    if isinstance(value, list):
        return [_nested_value(item) for item in value]
    return value


def _build(cls: type[_model.PSModel], properties: Mapping[str, Any]) -> Any:
    known = {info.alias or name for name, info in cls.model_fields.items()}
    extra = {k: v for k, v in properties.items() if k not in known}
    target = _with_extra(cls) if extra else cls
    try:
        return target.model_validate(dict(properties))
    except ValidationError as error:
        # A missing or differently typed property (older module) must not lose the object.
        log.debug("remote %s did not validate, kept unvalidated: %s", cls.__name__, error)
        by_field = {
            name: properties[info.alias or name]
            for name, info in cls.model_fields.items()
            if (info.alias or name) in properties
        }
        return target.model_construct(**by_field, **extra)
