"""Policy packages: Get-CsPolicyPackage, Get-CsUserPolicyPackage and Grant-CsUserPolicyPackage.

A policy package is a predefined set of policies for one user role. Assigning it creates each
of its policies, named as the package, and assigns them to the users ("Manage policy packages
in Microsoft Teams", https://learn.microsoft.com/microsoftteams/manage-policy-packages: "when you
assign the Education (Teacher) policy package to teachers in your school, a policy that's named
Education_Teacher is created for each policy in the package"; "A deleted policy is re-created
with the predefined settings when you assign the policy package").

Reference pages (Microsoft Learn, https://learn.microsoft.com/powershell/module/teams/<cmdlet>):
Get-CsPolicyPackage, Get-CsUserPolicyPackage, Grant-CsUserPolicyPackage.

Decided where the pages are silent: the packages are the article's table (plus the frontline
ones its government table lists) under the names its examples use (Education_Teacher,
PublicSafety_Officer); the article's small and medium business packages are left out, their
PowerShell names being undocumented. Each package holds the policy types of the
Get-CsPolicyPackage example that the emulated tenant has (messaging, meeting, calling, live
events; TeamsAppSetupPolicy is not emulated), created with Global's settings and the
description "This is an <package> policy package" (the example shows it cut off; "a" before
a consonant).
"""

from __future__ import annotations

from ..model import User
from ..model.neighbourhood import Policies, PolicyPackage
from ..powershell import types as t
from ..powershell.metadata import CommandMetadata, Example, InSet, Parameter
from .base import Invocation, cmdlet
from .neighbourhood_errors import PolicyPackageNotFound, TooManyPackageUsers
from .online_user import teams_type
from .teams_policies import BROADCAST, CALLING, MEETING, MESSAGING, PolicyFamily, save_instances
from .user_view import POLICY_FIELDS

#: The package names and the article's descriptions.
_PACKAGES = (
    ("Education_HigherEducationStudent", "Policies and policy settings that apply to higher education students."),
    ("Education_PrimaryStudent", "Policies and policy settings that apply to primary students."),
    ("Education_SecondaryStudent", "Policies and policy settings that apply to secondary students."),
    ("Education_Teacher", "Policies and policy settings that apply to teachers."),
    ("Healthcare_ClinicalWorker", "Full access to chat, calling, shift management and meetings for clinical workers."),
    ("Healthcare_InformationWorker", "Full access to chat, calling and meetings for information workers."),
    ("PublicSafety_Officer", "Policies and policy settings that apply to public safety officers."),
    ("Frontline_Manager", "Policies and policy settings that apply to frontline managers."),
    ("Frontline_Worker", "Policies and policy settings that apply to frontline workers."),
)
#: The package's policy types the emulated tenant has, in the order of the page's example.
PACKAGE_FAMILIES: tuple[PolicyFamily, ...] = (MESSAGING, MEETING, CALLING, BROADCAST)
#: "There is a limit of 20 users you can apply the package to at a time" (the Grant- page).
MAX_USERS = 20


def policy_packages() -> tuple[PolicyPackage, ...]:
    return tuple(
        PolicyPackage(name=name, description=about, policies={family.policy_type: name for family in PACKAGE_FAMILIES})
        for name, about in _PACKAGES
    )


GET_POLICY_PACKAGE = CommandMetadata(
    name="Get-CsPolicyPackage",
    synopsis="Returns the policy packages available on the tenant, or one of them.",
    implementing_type=teams_type("Get-CsPolicyPackage"),
    default_parameter_set="Get",
    output_type=PolicyPackage,
    parameters=(
        Parameter("Identity", t.STRING, sets=(InSet("Get", position=0),), help="A package by name."),
        Parameter(
            "InputObject",
            t.OBJECT,
            sets=(InSet("GetViaIdentity", mandatory=True),),
            help="An object whose Identity (or Name) names the package.",
        ),
    ),
    examples=(
        Example("Get-CsPolicyPackage -Identity Education_PrimaryStudent", "Shows one package and its policies."),
    ),
)
GET_USER_POLICY_PACKAGE = CommandMetadata(
    name="Get-CsUserPolicyPackage",
    synopsis="Returns the policy package assigned to a user (nothing when none is).",
    implementing_type=teams_type("Get-CsUserPolicyPackage"),
    output_type=PolicyPackage,
    parameters=(
        Parameter("Identity", t.STRING, position=0, mandatory=True, help="The user: UPN, SIP address or object ID."),
    ),
    examples=(Example("Get-CsUserPolicyPackage -Identity ken.myer@contoso.com", "Ken's package, if any."),),
)
GRANT_USER_POLICY_PACKAGE = CommandMetadata(
    name="Grant-CsUserPolicyPackage",
    synopsis="Applies a policy package to up to 20 users: creates its policies and assigns them.",
    implementing_type=teams_type("Grant-CsUserPolicyPackage"),
    supports_should_process=True,
    parameters=(
        Parameter("Identity", t.STRING_ARRAY, position=0, mandatory=True, help="One or more users (at most 20)."),
        Parameter("PackageName", t.STRING, position=1, mandatory=True, help="A package Get-CsPolicyPackage lists."),
    ),
    examples=(
        Example(
            "Grant-CsUserPolicyPackage -Identity amos.marble@contoso.com,ken.myer@contoso.com "
            "-PackageName Education_Teacher",
            "Creates the Education_Teacher policies and assigns them to Amos and Ken.",
        ),
    ),
)
POLICY_PACKAGE_COMMANDS = (GET_POLICY_PACKAGE, GET_USER_POLICY_PACKAGE, GRANT_USER_POLICY_PACKAGE)


def rule_package(name: str) -> PolicyPackage:
    """A package Get-CsPolicyPackage lists, by name (case-insensitively)."""
    found = next((p for p in policy_packages() if p.name.lower() == name.lower()), None)
    if found is None:
        raise PolicyPackageNotFound(name, target_object=name)
    return found


def rule_at_most_twenty(identities: tuple[str, ...]) -> tuple[str, ...]:
    if len(identities) > MAX_USERS:
        raise TooManyPackageUsers(len(identities), target_object=list(identities))
    return identities


@cmdlet(GET_POLICY_PACKAGE)
def get_policy_package(call: Invocation) -> None:
    source = call.get("InputObject", None)
    if source is not None:
        name = getattr(source, "Identity", None) or getattr(source, "Name", None) or t.ps_string(source)
        call.write_output(rule_package(str(name)))
    elif call.get("Identity", None) is not None:
        call.write_output(rule_package(call.get("Identity")))
    else:
        for package in policy_packages():
            call.write_output(package)


@cmdlet(GET_USER_POLICY_PACKAGE)
def get_user_policy_package(call: Invocation) -> None:
    backend = call.backend
    user = backend.resolve_user(call.get("Identity") or "")
    name = backend.store.policies().packages.get(str(user.object_id))
    if name is not None:
        call.write_output(rule_package(name))


def _create_package_policies(call: Invocation, package: PolicyPackage) -> Policies:
    """Creates each policy of the package the tenant lacks (a deleted one comes back with the
    predefined settings); the ones an admin customised stay as they are."""
    for family in PACKAGE_FAMILIES:
        policies = call.backend.store.policies()
        if family.find(policies, package.name) is None:
            article = "an" if package.name[0] in "AEIOU" else "a"
            policy = family.output_type(
                identity=f"Tag:{package.name}", description=f"This is {article} {package.name} policy package"
            )
            save_instances(call, family, policies, None, policy)
    return call.backend.store.policies()


@cmdlet(GRANT_USER_POLICY_PACKAGE)
def grant_user_policy_package(call: Invocation) -> None:
    """Every user is found and the package checked before anything changes."""
    backend = call.backend
    package = rule_package(call.get("PackageName") or "")
    identities = rule_at_most_twenty(tuple(call.get("Identity") or ()))
    users: list[User] = [backend.resolve_user(identity) for identity in identities]
    if not call.should_process(", ".join(u.user_principal_name for u in users), f"Apply {package.name}"):
        return
    policies = _create_package_policies(call, package)
    fields = {POLICY_FIELDS[policy_type]: name for policy_type, name in package.policies.items()}
    for identity, before in zip(identities, users, strict=True):
        call.save_user(before, before.model_copy(update=fields), {"Identity": identity, "PackageName": package.name})
    packages = {**policies.packages, **{str(u.object_id): package.name for u in users}}
    backend.store.save_policies(backend.store.policies().model_copy(update={"packages": packages}))
