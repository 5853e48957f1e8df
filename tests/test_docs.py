"""The cmdlet reference (cscmdlets/docs.py, docs/): generated from the binder's metadata, never edited.

The committed ``docs/`` must equal a fresh generation: after changing a cmdlet's metadata, a
``rule_*`` function's docstring or an error text, run ``cscmdlets docs`` and commit ``docs/``.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import warnings
from pathlib import Path

import pytest

import cscmdlets as cs
import cscmdlets.cmdlets
from cscmdlets import docs
from cscmdlets.cmdlets import COMMANDS, find_command
from cscmdlets.functions import CmdletWarning
from cscmdlets.powershell.metadata import ALL_SETS, COMMON_PARAMETERS, CommandMetadata, InSet, Parameter
from cscmdlets.powershell.types import STRING, SWITCH, USER_ID

DOCS = Path(__file__).resolve().parents[1] / "docs"
BY_ID = [pytest.param(m, id=m.name) for m in COMMANDS]


def test_committed_docs_equal_a_fresh_generation() -> None:
    stale = docs.check_docs(DOCS)
    assert stale == [], f"run `cscmdlets docs` and commit docs/: {stale} differ from the metadata"


def test_every_generated_file_starts_with_the_marker_and_the_index_links_every_page() -> None:
    pages = docs.pages()
    assert set(pages) == {f"{m.name}.md" for m in COMMANDS} | {"README.md"}
    assert all(text.startswith(docs.GENERATED_MARKER + "\n") for text in pages.values())
    for metadata in COMMANDS:
        assert f"[{metadata.name}]({metadata.name}.md)" in pages["README.md"]


@pytest.mark.parametrize("metadata", BY_ID)
def test_every_parameter_alias_and_set_appears(metadata: CommandMetadata) -> None:
    page = docs.render_page(metadata)
    for parameter in metadata.parameters:
        assert f"\n### -{parameter.name}\n" in page
        assert re.search(rf"^  \[*-{parameter.name}\b", page, re.MULTILINE)  # in some syntax block
        assert f"Python name: {parameter.python_name}\n" in page
        for alias in parameter.aliases:
            assert f"Aliases: {', '.join(parameter.aliases)}\n" in page, alias
    if metadata.parameter_sets != frozenset({ALL_SETS}):
        for set_name in metadata.parameter_sets:
            assert f"\n### {set_name}" in page
    assert page.count("[<CommonParameters>]") == len(metadata.parameter_sets)
    for common in COMMON_PARAMETERS:
        assert f"-{common.name}," in page or f"-{common.name}." in page


@pytest.mark.parametrize("metadata", BY_ID)
def test_every_example_appears_and_runs_on_the_demo_tenant(metadata: CommandMetadata) -> None:
    page = docs.render_page(metadata)
    tenant = cs.Tenant.demo()
    for example in metadata.examples:
        assert f"```powershell\n{example.code}\n```" in page
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CmdletWarning)  # retired parameters warn, as they should
            tenant.invoke(example.code)


@pytest.mark.parametrize("metadata", BY_ID)
def test_should_process_parameters_appear_only_when_supported(metadata: CommandMetadata) -> None:
    page = docs.render_page(metadata)
    assert ("### -WhatIf" in page) is metadata.supports_should_process
    assert ("Aliases: wi\n" in page) is metadata.supports_should_process


def test_syntax_follows_powershells_brackets_and_order() -> None:
    get_bridge = find_command("Get-CsOnlineDialInConferencingBridge")
    assert docs.syntax(get_bridge, "UniqueBridgeParams") == [
        "Get-CsOnlineDialInConferencingBridge",
        "[-Identity] <Guid>",
        "[-Tenant <Guid>]",
        "[-TenantDomain <String>]",
        "[-DomainController <Fqdn>]",
        "[-Force]",
        "[<CommonParameters>]",
    ]
    assert docs.syntax(get_bridge, "BridgeNameParams")[1] == "-Name <String>"
    assert (
        docs.syntax(find_command("Get-CsOnlineDialInConferencingUser"), ALL_SETS)[1]
        == "[[-Identity] <UserIdParameter>]"
    )
    assert docs.parameter_sets(get_bridge) == ["EmptySet", "BridgeNameParams", "UniqueBridgeParams"]


def test_syntax_puts_positionals_then_mandatory_then_the_rest() -> None:
    metadata = CommandMetadata(
        "Set-Thing",
        (
            Parameter("Optional", STRING),
            Parameter("Mandatory", STRING, mandatory=True),
            Parameter("Second", STRING, position=1),
            Parameter("First", USER_ID, position=0, mandatory=True),
            Parameter("Needed", SWITCH, mandatory=True),
        ),
        supports_should_process=True,
    )
    assert docs.syntax(metadata, ALL_SETS) == [
        "Set-Thing",
        "[-First] <UserIdParameter>",
        "[[-Second] <String>]",
        "-Mandatory <String>",
        "-Needed",
        "[-Optional <String>]",
        "[-WhatIf]",
        "[-Confirm]",
        "[<CommonParameters>]",
    ]


def test_a_parameter_placed_differently_per_set_gets_a_yaml_block_per_placement() -> None:
    metadata = CommandMetadata(
        "Get-Thing",
        (
            Parameter("Id", STRING, sets=(InSet("ById", mandatory=True, position=0), InSet("Filter"))),
            Parameter("Name", STRING, sets=(InSet("Filter"),)),
        ),
        default_parameter_set="Filter",
    )
    page = docs.render_page(metadata)
    block = page.split("### -Id\n")[1].split("### -Name")[0]
    assert "Parameter Sets: ById\nAliases:\n\nRequired: True\nPosition: 1\n" in block
    assert "Parameter Sets: Filter\nAliases:\n\nRequired: False\nPosition: Named\n" in block
    assert "### Filter (Default)\n" in page


def _defined_rules() -> set[str]:
    names = set()
    for module_info in pkgutil.iter_modules(cscmdlets.cmdlets.__path__, "cscmdlets.cmdlets."):
        module = importlib.import_module(module_info.name)
        names |= {
            name
            for name, value in vars(module).items()
            if name.startswith("rule_") and inspect.isfunction(value) and value.__module__ == module.__name__
        }
    return names


def test_every_rule_function_is_documented_on_some_page() -> None:
    """Rules are found by reading the implementations; none may hide behind an attribute call."""
    documented = {rule.name for metadata in COMMANDS for rule in docs.rules_of(metadata)}
    assert _defined_rules() - documented == set()


def test_rules_come_with_their_docstring_and_the_errors_they_raise() -> None:
    rules = {rule.name: rule for rule in docs.rules_of(find_command("Set-CsOnlineDialInConferencingUser"))}
    assert {
        "rule_send_email_family",
        "rule_enabled_user",
        "rule_target_bridge",
        "rule_number_on_bridge",
        "rule_valid_address",
    } <= set(rules)
    family = rules["rule_send_email_family"]
    assert family.summary == "-SendEmailToAddress needs -SendEmail; each From value needs the other and -SendEmail."
    assert {error.error_id for error in family.errors} == {"SendEmailFromPairIncomplete", "SendEmailRequired"}
    page = docs.render_page(find_command("Set-CsOnlineDialInConferencingUser"))
    required = next(e for e in family.errors if e.error_id == "SendEmailRequired")
    assert f"  - `SendEmailRequired` ({required.category.name}): `{required.template}`" in page
    assert docs.rules_of(find_command("Get-CsOnlineDialInConferencingLanguagesSupported")) == ()


def test_prose_is_escaped_for_markdown() -> None:
    page = docs.render_page(find_command("Set-CsOnlineDialInConferencingTenantSettings"))
    assert r"(\<alias>@\<domain>)" in page
    user = docs.render_page(find_command("Set-CsOnlineDialInConferencingUser"))
    assert r"domain\\logon" in user


def test_related_links_name_the_other_cmdlets_of_the_noun() -> None:
    page = docs.render_page(find_command("Register-CsOnlineDialInConferencingServiceNumber"))
    links = page.split("## RELATED LINKS\n\n")[1].splitlines()
    assert [line.split("](")[0][3:] for line in links] == [
        "Get-CsOnlineDialInConferencingServiceNumber",
        "Set-CsOnlineDialInConferencingServiceNumber",
        "Unregister-CsOnlineDialInConferencingServiceNumber",
        "All cmdlets",
    ]


def test_outputs_name_the_type_and_its_properties() -> None:
    page = docs.render_page(find_command("Get-CsOnlineDialInConferencingBridge"))
    assert "### Microsoft.Rtc.Management.Hosted.Bridge.ConferencingBridge\n" in page
    assert "Properties: `Identity`, `Name`, `Region`, `IsDefault`" in page


def test_write_docs_replaces_stale_generated_pages_but_not_other_files(tmp_path: Path) -> None:
    (tmp_path / "Old-CsCmdlet.md").write_text(docs.GENERATED_MARKER + "\nold\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("written by a person\n", encoding="utf-8")
    assert "Old-CsCmdlet.md" in docs.check_docs(tmp_path)
    written = docs.write_docs(tmp_path)
    assert len(written) == len(COMMANDS) + 1
    assert not (tmp_path / "Old-CsCmdlet.md").exists()
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "written by a person\n"
    assert docs.check_docs(tmp_path) == []
    assert docs.check_docs(tmp_path / "missing") == list(docs.pages())


@pytest.mark.parametrize("metadata", BY_ID)
def test_describe_is_json_and_names_every_parameter(metadata: CommandMetadata) -> None:
    described = json.loads(json.dumps(docs.describe(metadata)))
    names = [p["name"] for p in described["parameters"]]
    assert names[: len(metadata.parameters)] == [p.name for p in metadata.parameters]
    assert [s["set"] for s in described["syntax"]] == docs.parameter_sets(metadata)


def test_find_commands_by_name_python_name_and_wildcard() -> None:
    assert [m.name for m in docs.find_commands("get_cs_online_dial_in_conferencing_bridge")] == [
        "Get-CsOnlineDialInConferencingBridge"
    ]
    assert len(docs.find_commands("*ServiceNumber")) == 4
    assert docs.find_commands("Get-Nothing") == []
