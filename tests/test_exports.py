"""``cscmdlets.__all__`` is exactly what the package exports (as httpx does), each part sorted."""

from __future__ import annotations

import types

import pytest

import cscmdlets as cs
from cscmdlets.cmdlets import COMMANDS
from cscmdlets.stubgen import export_order


def test_all_is_sorted_in_its_two_parts() -> None:
    """The hand-written names first, then the generated cmdlet functions, each part as ruff sorts it."""
    cmdlet_names = {name for metadata in COMMANDS for name in (metadata.python_name, metadata.twin_name)}
    written = [name for name in cs.__all__ if name not in cmdlet_names]
    assert cs.__all__ == written + sorted(cmdlet_names, key=export_order)
    assert written == sorted(written, key=export_order)
    assert len(set(cs.__all__)) == len(cs.__all__)


@pytest.mark.parametrize("name", cs.__all__)
def test_every_name_in_all_resolves(name: str) -> None:
    assert getattr(cs, name) is not None


def test_every_cmdlet_is_exported_twice() -> None:
    for metadata in COMMANDS:
        assert metadata.python_name in cs.__all__ and metadata.twin_name in cs.__all__
        assert callable(getattr(cs, metadata.python_name)) and callable(getattr(cs, metadata.twin_name))


def test_the_documented_interface_is_there() -> None:
    """The names the README documents and the tests rely on."""
    for name in (
        "Tenant",
        "PowerShellError",
        "connect",
        "set_cs_online_dial_in_conferencing_user",
        "Set_CsOnlineDialInConferencingUser",
        "CmdletWarning",
        "NOT_GIVEN",
    ):
        assert name in cs.__all__
    error = cs.PowerShellError(message="boom", target_object="x")
    assert (error.fully_qualified_error_id, error.category, error.target_object) == (
        "NotSpecified",
        cs.ErrorCategory.NotSpecified,
        "x",
    )
    assert (str(error), error.error_record.target_object) == ("boom", "x")


def test_nothing_public_is_left_out() -> None:
    public = {
        name for name, value in vars(cs).items() if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public - set(cs.__all__) == set()
