"""Objects the cmdlets write to the pipeline, with their real type and property names.

The properties and type names are those the Teams module shows
(https://learn.microsoft.com/powershell/module/teams/get-csonlinedialinconferencinguser and its siblings).
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import Field

from .tenant import Bridge, PSModel, ServiceNumber

CONFERENCING_USER_TYPE = "Microsoft.Teams.ConfigAPI.Cmdlets.Generated.Models.ConferencingUser"
TENANT_CONFIGURATION_TYPE = (
    "Microsoft.Rtc.Management.WritableConfig.Settings.OnLineDialInConferencing."
    "OnLineDialInConferencingTenantConfiguration"
)
LANGUAGE_TYPE = "Microsoft.Rtc.Management.Hosted.Bridge.ConferencingLanguage"  # inferred


class ConferencingUser(PSModel):
    """Get-CsOnlineDialInConferencingUser output: the 14 properties of the Teams module's view.

    ``service_number``/``toll_free_service_number`` are the user's own assignments (``None``
    when the user follows the bridge); ``default_toll_number``/``default_toll_free_number``
    are the numbers that actually go into the user's invites. ``leader_pin`` is masked, except
    in the one output of the command that reset it.
    """

    ps_type_names: ClassVar[tuple[str, ...]] = (CONFERENCING_USER_TYPE, "System.Object")

    identity: str = Field(alias="Identity")
    display_name: str | None = Field(None, alias="DisplayName")
    sip_address: str | None = Field(None, alias="SipAddress")
    bridge_id: uuid.UUID | None = Field(None, alias="BridgeId")
    bridge_name: str | None = Field(None, alias="BridgeName")
    conference_id: int | None = Field(None, alias="ConferenceId")
    service_number: str | None = Field(None, alias="ServiceNumber")
    toll_free_service_number: str | None = Field(None, alias="TollFreeServiceNumber")
    default_toll_number: str | None = Field(None, alias="DefaultTollNumber")
    default_toll_free_number: str | None = Field(None, alias="DefaultTollFreeNumber")
    leader_pin: str | None = Field(None, alias="LeaderPin")
    allow_pstn_only_meeting: bool | None = Field(None, alias="AllowPstnOnlyMeeting")
    allow_toll_free_dial_in: bool | None = Field(None, alias="AllowTollFreeDialIn")
    tenant_id: uuid.UUID | None = Field(None, alias="TenantId")


class ConferencingBridge(Bridge):
    """Get-CsOnlineDialInConferencingBridge output: the stored bridge and, as ``ServiceNumbers``,
    the service-number objects assigned to it (the same objects
    Get-CsOnlineDialInConferencingServiceNumber writes), so ``$bridge.ServiceNumbers.Number``
    and ``$bridge.ServiceNumbers | Select-Object Number, PrimaryLanguage`` read them as scripts
    written for the real cmdlet do. The type name stays the bridge's: ``-Instance`` accepts it."""

    service_numbers: tuple[ServiceNumber, ...] = Field((), alias="ServiceNumbers")

    @classmethod
    def of(cls, bridge: Bridge, numbers: tuple[ServiceNumber, ...]) -> ConferencingBridge:
        """The output object of ``bridge`` with its ``numbers``."""
        return cls.model_validate({**dict(bridge), "service_numbers": numbers})


class TenantConfiguration(PSModel):
    """Get-CsOnlineDialinConferencingTenantConfiguration output
    (https://learn.microsoft.com/powershell/module/teams/get-csonlinedialinconferencingtenantconfiguration)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (TENANT_CONFIGURATION_TYPE, "System.Object")

    identity: str = Field("Global", alias="Identity")
    enabled: bool = Field(True, alias="Enabled")  # property name inferred


class ConferencingLanguage(PSModel):
    """Get-CsOnlineDialInConferencingLanguagesSupported output
    (https://learn.microsoft.com/powershell/module/teams/get-csonlinedialinconferencinglanguagessupported)."""

    ps_type_names: ClassVar[tuple[str, ...]] = (LANGUAGE_TYPE, "System.Object")

    id: str = Field(alias="Id")
    name: str = Field(alias="Name")


USER_INFO_TYPE = "Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing.DialInConferencingUserInfo"  # inferred
USER_STATE_TYPE = "Microsoft.Rtc.Management.Hosted.OnlineDialInConferencing.DialInConferencingUserState"  # inferred


class ConferencingUserInfo(PSModel):
    """Get-CsOnlineDialInConferencingUserInfo output (retired with the Skype Online connector).

    Users of every provider. No property list was ever documented; these are the names 2017-era
    scripts read (``.Provider`` compared with ``'Microsoft'``, ``.DefaultTollNumber``).
    """

    ps_type_names: ClassVar[tuple[str, ...]] = (USER_INFO_TYPE, "System.Object")

    identity: str = Field(alias="Identity")
    display_name: str | None = Field(None, alias="DisplayName")
    user_principal_name: str | None = Field(None, alias="UserPrincipalName")
    provider: str = Field(alias="Provider")
    domain: str | None = Field(None, alias="Domain")
    conference_id: int | None = Field(None, alias="ConferenceId")
    default_toll_number: str | None = Field(None, alias="DefaultTollNumber")
    default_toll_free_number: str | None = Field(None, alias="DefaultTollFreeNumber")
    bridge_name: str | None = Field(None, alias="BridgeName")


class ConferencingUserState(PSModel):
    """Get-CsOnlineDialInConferencingUserState output (retired): provider and licence state."""

    ps_type_names: ClassVar[tuple[str, ...]] = (USER_STATE_TYPE, "System.Object")

    identity: str = Field(alias="Identity")
    display_name: str | None = Field(None, alias="DisplayName")
    provider: str = Field(alias="Provider")
    license_state: str = Field(alias="LicenseState")


class ModuleInfo(PSModel):
    """``Get-Module`` output: the module generation a tenant or script runs under, with the four
    columns PowerShell's table view of a module shows."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Management.Automation.PSModuleInfo", "System.Object")

    module_type: str = Field(alias="ModuleType")
    version: str = Field(alias="Version")
    name: str = Field(alias="Name")
    exported_commands: tuple[str, ...] = Field((), alias="ExportedCommands")
