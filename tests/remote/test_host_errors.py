"""RemoteHost (secrets, setup as data) and remote error records mapped to local classes."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from cscmdlets.cmdlets.errors import UserNotFound
from cscmdlets.powershell.errors import CommandNotFound, ErrorCategory, NamedParameterNotFound
from cscmdlets.remote import RemoteError, RemoteHost
from cscmdlets.remote.errors import error_from_record
from cscmdlets.remote.host import PASSWORD_ENV


def test_password_never_in_repr() -> None:
    host = RemoteHost("jump01", username="svc", password="hunter2", certificate_key_pem="KEY")
    assert "hunter2" not in repr(host) and "KEY" not in repr(host)


def test_password_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "from-env")
    assert RemoteHost("jump01", username="svc").resolved_password() == "from-env"
    assert RemoteHost("jump01", username="svc", password="given").resolved_password() == "given"


def test_certificate_validation_is_on_by_default() -> None:
    assert RemoteHost("jump01").cert_validation is True
    assert RemoteHost("jump01").wsman_arguments()["cert_validation"] is True


@pytest.mark.parametrize(
    "setup",
    [
        pytest.param(["Import-Module MicrosoftTeams"], id="script-text"),
        pytest.param([("Import-Module; Remove-Item x", {})], id="name-with-separator"),
    ],
)
def test_setup_is_names_and_parameters_never_script(setup: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        RemoteHost("jump01", setup=setup)


def test_setup_is_frozen() -> None:
    host = RemoteHost("jump01", setup=[("Import-Module", {"Name": "MicrosoftTeams"})])
    assert host.setup == (("Import-Module", (("Name", "MicrosoftTeams"),)),)
    hash(host)


def _record(fqeid: str, category: int, message: str) -> Any:
    exception = SimpleNamespace(
        adapted_properties={"Message": message}, extended_properties={}, types=["System.InvalidOperationException"]
    )
    return SimpleNamespace(fq_error=fqeid, category=category, exception=exception, target_object="x")


@pytest.mark.parametrize(
    ("fqeid", "cls"),
    [
        pytest.param("UserNotFound,Microsoft.Teams.ConfigAPI.Cmdlets.SetCsOdcUser", UserNotFound, id="service"),
        pytest.param("NamedParameterNotFound,Microsoft.Teams.SetUser", NamedParameterNotFound, id="binding"),
        pytest.param("CommandNotFoundException", CommandNotFound, id="unqualified"),
    ],
)
def test_remote_records_map_to_the_local_class(fqeid: str, cls: type) -> None:
    error = error_from_record(_record(fqeid, 13, "remote text"), command_name="Set-X")
    assert isinstance(error, cls)
    assert error.fully_qualified_error_id == fqeid
    assert str(error) == "remote text"
    assert error.category is ErrorCategory.ObjectNotFound
    assert error.error_record.category_info.startswith("ObjectNotFound: (x:String) [")


def test_unknown_error_id_is_a_generic_remote_error() -> None:
    error = error_from_record(_record("SomethingNew,Microsoft.Teams.X", 7, "new"))
    assert type(error) is RemoteError
    assert (error.error_id, error.fully_qualified_error_id, str(error)) == (
        "SomethingNew",
        "SomethingNew,Microsoft.Teams.X",
        "new",
    )
