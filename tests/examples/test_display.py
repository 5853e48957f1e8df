"""Models and lists of models as tables: HTML in a notebook, PowerShell's view in a terminal.

See cscmdlets/model/display.py. Column names are the real property names (the aliases), every
text reaching HTML is escaped, and the terminal text is the one ``cscmdlets run`` prints.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from html.parser import HTMLParser
from typing import Any, ClassVar

import pytest
from helpers import AMOS, PILAR
from IPython.core.formatters import DisplayFormatter

import cscmdlets as cs
from cscmdlets.model import OutboxEntry, PSModel
from cscmdlets.model.display import HTML_MAX_ROWS, Table, columns_of, html_table, text_default, text_list, text_table
from cscmdlets.powershell.formatting import format_default

HOSTILE = "<script>alert(\"x\")</script> & 'Eve' <img src=x onerror=alert(1)>"


class _Cells(HTMLParser):
    """Reads tables back: header texts and cell texts, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None
        self._kind = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.tables.append({"title": dict(attrs).get("title"), "th": [], "td": []})
        elif tag in ("th", "td"):
            self._cell, self._kind = [], tag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][tag].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse(markup: str) -> _Cells:
    cells = _Cells()
    cells.feed(markup)
    cells.close()
    return cells


def outputs(tenant: cs.Tenant) -> dict[str, cs.PSOutput]:
    """One list of each type the Get cmdlets write."""
    return {
        "ConferencingUser": tenant.get_cs_online_dial_in_conferencing_user(),
        "Bridge": tenant.get_cs_online_dial_in_conferencing_bridge(),
        "ServiceNumber": tenant.get_cs_online_dial_in_conferencing_service_number(),
        "DialInSettings": tenant.get_cs_online_dial_in_conferencing_tenant_settings(),
        "ConferencingLanguage": tenant.get_cs_online_dial_in_conferencing_languages_supported(),
        "TenantConfiguration": tenant.get_cs_online_dialin_conferencing_tenant_configuration(),
    }


KINDS = ["ConferencingUser", "Bridge", "ServiceNumber", "DialInSettings", "ConferencingLanguage", "TenantConfiguration"]


@pytest.mark.parametrize("kind", KINDS)
def test_html_columns_are_the_real_property_names(memory_tenant: cs.Tenant, kind: str) -> None:
    output = outputs(memory_tenant)[kind]
    aliases = [field.alias for field in type(output[0]).model_fields.values()]
    tables = parse(output._repr_html_() or "").tables
    assert len(tables) == 1
    if len(output) == 1 and len(aliases) > 4:  # one wide object: property/value rows
        assert tables[0]["th"] == aliases
    else:
        assert tables[0]["th"] == aliases
        assert len(tables[0]["td"]) == len(aliases) * len(output)
    assert tables[0]["title"] == type(output[0]).ps_type_names[0]


def test_a_list_of_users_is_one_row_per_user(memory_tenant: cs.Tenant) -> None:
    users = memory_tenant.get_cs_online_dial_in_conferencing_user()
    table = parse(users._repr_html_() or "").tables[0]
    width = len(table["th"])
    rows = [table["td"][i : i + width] for i in range(0, len(table["td"]), width)]
    assert [row[table["th"].index("Identity")] for row in rows] == [u.identity for u in users]
    pilar = rows[[u.identity for u in users].index(PILAR)]
    assert pilar[table["th"].index("ServiceNumber")] == "74955550100"
    assert pilar[table["th"].index("LeaderPin")] == "*****"
    assert pilar[table["th"].index("AllowPstnOnlyMeeting")] == "False"


def test_one_model_is_a_table_of_its_properties(memory_tenant: cs.Tenant) -> None:
    amos = memory_tenant.get_cs_online_dial_in_conferencing_user(AMOS)[0]
    table = parse(amos._repr_html_()).tables[0]
    assert dict(zip(table["th"], table["td"], strict=True)) == {
        name: "" if value is None else str(value) for name, value in amos.to_ps().items()
    }


def test_a_narrow_model_alone_is_a_one_row_table() -> None:
    language = cs.ConferencingLanguage(id="ru-RU", name="Russian")
    assert parse(language._repr_html_()).tables[0] | {"title": None} == {
        "title": None,
        "th": ["Id", "Name"],
        "td": ["ru-RU", "Russian"],
    }


def test_hostile_display_name_is_escaped(memory_tenant: cs.Tenant) -> None:
    memory_tenant.add_user("eve@contoso.com", HOSTILE)
    for shown in (
        memory_tenant.get_cs_online_dial_in_conferencing_user("eve@contoso.com"),
        memory_tenant.get_cs_online_dial_in_conferencing_user(),
    ):
        markup = shown._repr_html_() or ""
        assert HOSTILE not in markup
        assert html.escape(HOSTILE, quote=True) in markup
        cells = parse(markup)
        assert set(cells.tags) <= {"table", "thead", "tbody", "tr", "th", "td"}  # no <script>, no <img>
        assert HOSTILE in cells.tables[0]["td"]  # and the reader still sees the name as typed


class _Hostile(PSModel):
    ps_type_names: ClassVar[tuple[str, ...]] = ('Evil"><script>alert(1)</script>', "System.Object")

    name: str


def test_type_names_property_names_and_scalars_are_escaped() -> None:
    markup = html_table([_Hostile(name=HOSTILE), {"<b>Key</b>": "<i>v</i>"}, "<u>scalar</u>"])
    cells = parse(markup)
    assert set(cells.tags) <= {"table", "thead", "tbody", "tr", "th", "td", "pre"}
    assert cells.tables[0]["title"] == 'Evil"><script>alert(1)</script>'
    assert cells.tables[1]["th"] == ["<b>Key</b>"]
    assert cells.tables[1]["td"] == ["<i>v</i>"]
    assert "&lt;u&gt;scalar&lt;/u&gt;" in markup


def test_runs_of_one_type_share_a_table(memory_tenant: cs.Tenant) -> None:
    bridges = memory_tenant.get_cs_online_dial_in_conferencing_bridge()
    languages = memory_tenant.get_cs_online_dial_in_conferencing_languages_supported()[:2]
    mixed = cs.PSOutput([*bridges, *languages, bridges[0]])
    tables = parse(mixed._repr_html_() or "").tables
    assert [t["th"][:2] for t in tables] == [["Identity", "Name"], ["Id", "Name"], ["Identity", "Name"]]


def test_empty_output_leaves_the_notebook_its_plain_repr(memory_tenant: cs.Tenant) -> None:
    output = memory_tenant.set_cs_online_dial_in_conferencing_user(AMOS, send_email=True)
    assert output == []
    assert output._repr_html_() is None
    assert html_table([]) == ""


def test_ipython_picks_the_html_view(memory_tenant: cs.Tenant) -> None:
    users = memory_tenant.get_cs_online_dial_in_conferencing_user()
    data, _ = DisplayFormatter().format(users)
    assert data["text/html"] == users._repr_html_()
    data, _ = DisplayFormatter().format(users[0])
    assert "<table" in data["text/html"]


def test_numbers_are_right_aligned(memory_tenant: cs.Tenant) -> None:
    markup = memory_tenant.get_cs_online_dial_in_conferencing_user()._repr_html_() or ""
    assert '<th style="text-align:right">ConferenceId</th>' in markup
    assert '<th style="text-align:left">DisplayName</th>' in markup


# --- terminal -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_print_shows_what_cscmdlets_run_prints(memory_tenant: cs.Tenant, kind: str) -> None:
    output = outputs(memory_tenant)[kind]
    assert str(output) == format_default(output) == text_default(output)
    assert str(output[0]) == format_default(output[:1])


def test_a_narrow_list_prints_as_powershell_format_table(memory_tenant: cs.Tenant) -> None:
    languages = memory_tenant.get_cs_online_dial_in_conferencing_languages_supported()
    lines = str(languages).splitlines()
    assert lines[:3] == ["", "Id    Name", "--    ----"]
    assert lines[3].split(maxsplit=1) == [languages[0].id, languages[0].name]


def test_format_table_text_layout() -> None:
    rows = [
        {"Name": "Conference Bridge", "Users": 2, "IsDefault": True},
        {"Name": "EMEA Bridge", "Users": 10, "IsDefault": False},
    ]
    assert text_table(rows) == (
        "\n"
        "Name              Users IsDefault\n"
        "----              ----- ---------\n"
        "Conference Bridge     2      True\n"
        "EMEA Bridge          10     False\n"
    )


def test_text_and_html_choose_the_same_columns(memory_tenant: cs.Tenant) -> None:
    users = memory_tenant.get_cs_online_dial_in_conferencing_user()
    header = text_table(users).splitlines()[1].split()
    assert header == columns_of(users) == parse(html_table(users)).tables[0]["th"]
    names = [line.split(":")[0].strip() for line in text_list(users[:1]).strip().splitlines()]
    assert names == columns_of(users)


def test_table_shows_the_audit_log_and_hides_raw_bytes(memory_tenant: cs.Tenant) -> None:
    memory_tenant.set_cs_online_dial_in_conferencing_user(AMOS, reset_leader_pin=True)
    audit = Table(memory_tenant.audit())
    table = parse(audit._repr_html_() or "").tables[0]
    assert table["th"] == ["at", "actor", "command", "parameters", "target", "before", "after", "sequence"]
    assert "@{ResetLeaderPin=True}" in table["td"]
    entry = OutboxEntry(
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        kind="PinReset",
        user_id=uuid.uuid4(),
        recipient=AMOS,
        sender="no-reply@contoso.com",
        subject="s",
        raw=b"SECRET BYTES",
    )
    assert "raw" not in columns_of([entry])
    assert "SECRET" not in str(Table([entry])) + (Table([entry])._repr_html_() or "")
    assert re.search(r"created_at\s+: 1/1/2026 12:00:00 AM\n", str(Table([entry])))  # its ToString(), en-US


def test_a_model_in_a_script_string_is_its_type_name(memory_tenant: cs.Tenant) -> None:
    """``print(model)`` shows the table; ``"$model"`` in a script stays PowerShell's ToString()."""
    from cscmdlets.scripts.runner import run_script

    result = run_script(
        memory_tenant.engine,
        '$l = Get-CsOnlineDialInConferencingLanguagesSupported | Select-Object -First 1; Write-Host "language: $l"',
    )
    assert result.host == ["language: Microsoft.Rtc.Management.Hosted.Bridge.ConferencingLanguage"]


def test_a_long_list_shows_its_first_rows_and_how_many_more() -> None:
    tenant = cs.Tenant.demo(HTML_MAX_ROWS + 20)
    users = tenant.get_cs_online_dial_in_conferencing_user()
    markup = users._repr_html_() or ""
    assert markup.count("<tr>") == HTML_MAX_ROWS + 2  # header, rows, footer
    assert f"… {len(users) - HTML_MAX_ROWS} more ({len(users)} in all" in markup
    assert len(str(users).split("\n\n")) == len(users)  # print() shows them all
