"""``cscmdlets get user|bridge|number|settings|languages|configuration`` (cscmdlets/cli/get_cmd.py).

Each query is run as the user runs it, ``python -m cscmdlets get …`` in a child process, on a
``--state`` file of the test's own (never the user's default state).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cscmdlets.cli.get_cmd import QUERIES
from cscmdlets.model import ConferencingBridge, ConferencingUser

AMOS = "amos.marble@contoso.com"
KEN = "ken.myer@contoso.com"
PILAR = "pilar.ackerman@contoso.com"
DEMO_USERS = [AMOS, KEN, PILAR]


@dataclass
class Completed:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def json(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.lines]


Cli = Callable[..., Completed]


def _cli(state: Path) -> Cli:
    env = {k: v for k, v in os.environ.items() if k not in ("CSCMDLETS_STATE", "CSCMDLETS_SMTP_URL")}

    def run(*argv: str, state_option: bool = True) -> Completed:
        extra = ["--state", str(state), "--demo"] if state_option else []
        done = subprocess.run(
            [sys.executable, "-m", "cscmdlets", *argv, *extra],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        return Completed(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """Read-only queries share one demo tenant, created on first use."""
    return _cli(tmp_path_factory.mktemp("get") / "tenant.db")


@pytest.fixture
def own_cli(tmp_path: Path) -> Cli:
    """A demo tenant of the test's own, for tests that change it first."""
    return _cli(tmp_path / "tenant.db")


# --- user ----------------------------------------------------------------------------------------


def test_user_table_has_the_useful_columns_for_every_demo_user(cli: Cli) -> None:
    done = cli("get", "user")
    assert done.code == 0, done.err
    assert done.lines[1].split() == [
        "Identity",
        "DisplayName",
        "ConferenceId",
        "BridgeName",
        "DefaultTollNumber",
        "DefaultTollFreeNumber",
    ]
    assert set(done.lines[2].split()) == {"-" * n for n in (8, 11, 12, 10, 17, 21)}
    assert [line.split()[0] for line in done.lines[3:] if line] == DEMO_USERS


def test_user_json_is_the_cmdlet_output_with_every_property(cli: Cli) -> None:
    (user,) = cli("get", "user", AMOS, "--format", "json").json
    assert list(user) == [field.alias for field in ConferencingUser.model_fields.values()]
    assert user["Identity"] == AMOS
    assert user["LeaderPin"] == "*****"


def test_user_json_equals_run_of_the_same_cmdlet(cli: Cli) -> None:
    """The query is a thin mapping: the same objects as ``run -c "Get-…"``."""
    mapped = cli("get", "user", "--bridge", "Conference Bridge", "--format", "json")
    direct = cli("run", "-c", 'Get-CsOnlineDialInConferencingUser -BridgeName "Conference Bridge"', "--format", "json")
    assert mapped.code == direct.code == 0
    assert mapped.out == direct.out
    assert [user["Identity"] for user in mapped.json] == [AMOS, KEN]


def test_user_by_display_name_in_list_view(cli: Cli) -> None:
    done = cli("get", "user", "Ken Myer", "--format", "list")
    assert done.code == 0, done.err
    assert "Identity              : ken.myer@contoso.com" in done.lines
    assert "LeaderPin             : *****" in done.lines


def test_user_property_selects_columns_case_insensitively(cli: Cli) -> None:
    done = cli("get", "user", "--property", "identity,leaderpin", "--limit", "1")
    assert done.lines[1:4] == [
        "Identity                LeaderPin",
        "--------                ---------",
        f"{AMOS} *****",
    ]


def test_user_not_found_is_the_cmdlets_error_and_exit_1(cli: Cli) -> None:
    done = cli("get", "user", "nobody@contoso.com")
    assert done.code == 1
    assert done.out == ""
    assert done.err.strip() == (
        'Get-CsOnlineDialInConferencingUser: Management object not found for identity "nobody@contoso.com".'
    )


def test_user_limit_must_be_a_number(cli: Cli) -> None:
    done = cli("get", "user", "--limit", "many")
    assert done.code == 2
    assert "invalid int value: 'many'" in done.err


# --- bridge, number, settings, languages, configuration -------------------------------------------


def test_bridge_table_and_one_bridge_by_name(cli: Cli) -> None:
    table = cli("get", "bridge")
    assert table.lines[1].split() == ["Name", "Region", "IsDefault", "DefaultServiceNumber", "Identity"]
    assert [line[:17].strip() for line in table.lines[3:] if line] == ["Conference Bridge", "EMEA Bridge"]
    (bridge,) = cli("get", "bridge", "EMEA Bridge", "--format", "json").json
    assert list(bridge) == [field.alias for field in ConferencingBridge.model_fields.values()]
    assert bridge["Region"] == "EMEA"
    by_id = cli("get", "bridge", "--id", str(bridge["Identity"]), "--format", "json").json
    assert by_id == [bridge]


def test_number_filters_map_onto_the_cmdlets_parameters(cli: Cli) -> None:
    everything = cli("get", "number", "--format", "json").json
    assert len(everything) == 6
    seattle = cli("get", "number", "--bridge", "Conference Bridge", "--city", "seattle", "--format", "json").json
    assert [n["Number"] for n in seattle] == ["12065550100"]
    (one,) = cli("get", "number", "tel:+14255550100", "--format", "json").json
    assert one["City"] == "Redmond"


def test_number_with_parameters_of_two_sets_is_the_binders_error(cli: Cli) -> None:
    done = cli("get", "number", "14255550100", "--bridge", "Conference Bridge")
    assert done.code == 1
    assert done.err.strip() == (
        "Get-CsOnlineDialInConferencingServiceNumber: Parameter set cannot be resolved using the specified named "
        "parameters. One or more parameters issued cannot be used together or an insufficient number of "
        "parameters were provided."
    )


def test_settings_default_to_the_list_view(cli: Cli) -> None:
    done = cli("get", "settings")
    assert done.code == 0
    assert "PinLength                                : 5" in done.lines
    (settings,) = cli("get", "settings", "--format", "json").json
    assert settings["PinLength"] == 5
    table = cli("get", "settings", "--property", "PinLength,SendEmailFromOverride", "--format", "table")
    assert table.lines[1:4] == [
        "PinLength SendEmailFromOverride",
        "--------- ---------------------",
        "        5                 False",
    ]  # a Boolean column is right-aligned


def test_languages_and_configuration(cli: Cli) -> None:
    languages = cli("get", "languages", "--format", "json").json
    assert len(languages) == 24
    assert {"Id": "ru-RU", "Name": "Russian"} in languages
    configuration = cli("get", "configuration")
    assert configuration.lines[1:4] == ["Identity Enabled", "-------- -------", "Global      True"]


def test_a_change_made_with_run_shows_in_get(own_cli: Cli) -> None:
    changed = own_cli("run", "-c", "Set-CsOnlineDialInConferencingTenantSettings -PinLength 7")
    assert changed.code == 0, changed.err
    assert own_cli("get", "settings", "--format", "json").json[0]["PinLength"] == 7


def test_state_comes_from_the_environment_too(tmp_path: Path) -> None:
    state = tmp_path / "env.db"
    env = {**os.environ, "CSCMDLETS_STATE": str(state)}
    done = subprocess.run(
        [sys.executable, "-m", "cscmdlets", "get", "configuration", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert state.exists()


# --- help ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("noun", [query.noun for query in QUERIES])
def test_every_query_has_help_with_examples_and_json(cli: Cli, noun: str) -> None:
    done = cli("get", noun, "--help", state_option=False)
    assert done.code == 0
    assert "examples:\n  cscmdlets get " + noun in done.out
    assert "{table,list,json}" in done.out
    assert "--state PATH" in done.out


def test_get_help_lists_every_noun(cli: Cli) -> None:
    done = cli("get", "--help", state_option=False)
    assert done.code == 0
    for query in QUERIES:
        assert f"    {query.noun}" in done.out
    assert "examples:" in done.out


def test_every_query_runs_a_get_cmdlet() -> None:
    assert all(query.metadata.verb == "Get" for query in QUERIES)
    for query in QUERIES:
        mapped = [o.parameter for o in query.options] + ([query.argument.parameter] if query.argument else [])
        for name in mapped:
            assert query.metadata.parameter(name).name == name  # declared names, so the binder takes them
