"""The simple command-line reader (powershell/simple_command.py) against the parser and the
runner: what it reads, it reads exactly as they do (names, values, the command's extent); what
it binds, it binds exactly as they do; what it does not read or bind, the full path does, with
the same errors at the same positions."""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from helpers import fixed_clock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cscmdlets as cs
from cscmdlets.cmdlets.profiles import modules_named, resolve_in_module
from cscmdlets.powershell import parser as ast
from cscmdlets.powershell.binder import BoundCommand
from cscmdlets.powershell.engine import CmdletWarning, Result
from cscmdlets.powershell.errors import InvocationInfo, ParseError, PowerShellError
from cscmdlets.powershell.metadata import NOT_GIVEN
from cscmdlets.powershell.simple_command import SimpleLine, bind_line, read
from cscmdlets.scripts.runner import invoke_line

SET_USER = "Set-CsOnlineDialInConferencingUser"
GET_USER = "Get-CsOnlineDialInConferencingUser"
SET_BRIDGE = "Set-CsOnlineDialInConferencingBridge"
GET_NUMBER = "Get-CsOnlineDialInConferencingServiceNumber"
SET_SETTINGS = "Set-CsOnlineDialInConferencingTenantSettings"
UPN = "amos.marble@contoso.com"

#: Lines the reader must read as the parser does, or leave to it: the usual, and the tricky.
LINES = [
    f"{SET_USER} -Identity {UPN} -ServiceNumber 14255550100",
    f"{SET_USER} -Identity {UPN} -AllowTollFreeDialIn $True",
    f"{SET_USER} -Identity {UPN} -AllowTollFreeDialIn $FALSE -WhatIf",
    f"  {SET_USER}\t-identity\t{UPN}   -SendEmail  # a trailing comment",
    f"{SET_USER} -Identity {UPN} -SendEmail # comment",
    f"{SET_USER} -Identity {UPN}   ",
    f"{SET_USER} -Identity {UPN} -SendEmailToAddress a,b  #c",
    f"{SET_USER} -Identity:{UPN}\t",
    f"{SET_USER} {UPN} -SendEmail",
    f"{SET_USER} -Ident {UPN} -Serv 14255550100",  # prefixes
    f"{SET_USER} -Identity:{UPN} -SendEmail:$false",
    f"{SET_USER} -Identity: {UPN} -SendEmail:$true",
    f"{SET_USER} \u2013Identity {UPN} \u2014SendEmail",  # en and em dashes
    f"{SET_USER} \u2015Identity {UPN} -SendEmailToAddress 'a@b.com'",
    f"{SET_USER} -Identity '{UPN}' -SendEmailToAddress \"x@contoso.com\"",
    f'{SET_USER} -Identity \'it\'\'s\' -SendEmailToAddress "say ""hi"""',
    f"{SET_USER} -Identity \u2018it\u2019\u2019s\u2019 -SendEmailToAddress \u201cq\u201d",
    f'{SET_USER} -Identity "tab`there" -SendEmailToAddress "back``tick"',
    f'{SET_USER} -Identity "a`u{{41}}"',
    f'{SET_USER} -Identity "$UPN"',
    f'{SET_USER} -Identity "cost $ 5"',
    f"{SET_USER} -Identity $UPN",
    f"{SET_USER} -Identity $env:UPN",
    f"{SET_USER} -Identity ({UPN})",
    f"{SET_USER} -Identity $({UPN})",
    f"{SET_USER} @args",
    f"{SET_USER} -Identity {UPN} @rest",
    f"{SET_USER} -Identity {UPN} | Out-Null",
    f"{SET_USER} -Identity {UPN} > out.txt",
    f"{SET_USER} -Identity {UPN}; {GET_USER}",
    f"{SET_USER} -Identity {UPN} --% -SendEmail",
    f"{SET_USER} -- -Identity",
    f"{SET_USER} -Identity `\n {UPN}",
    f"{SET_USER} -Identity {UPN} <# block #> -SendEmail",
    f"{SET_USER} -Identity a`b",
    f"{SET_USER} -Identity {UPN} -ServiceNumber 0x10",
    f"{SET_USER} -Identity {UPN} -ServiceNumber 1kb",
    f"{SET_USER} -Identity {UPN} -ServiceNumber 1e3",
    f"{SET_USER} -Identity {UPN} -ServiceNumber -5",
    f"{SET_USER} -Identity {UPN} -ServiceNumber \u20135",
    f"{SET_USER} -Identity {UPN} -ServiceNumber 12abc",
    f"{SET_USER} -Identity {UPN} -ServiceNumber 1.5",
    f"{SET_USER} -Identity {UPN} -ServiceNumber .5",
    f"{SET_USER} -Identity {UPN} -ServiceNumber 99999999999999999999",
    f"{SET_USER} -Identity {UPN} -ServiceNumber 5#x",
    f"{SET_USER} -Identity {UPN} -ServiceNumber 5l",
    f"{SET_USER} -Identity {UPN} -ServiceNumber 5d",
    f"{SET_USER} -Identity {UPN} -ServiceNumber -",
    f"{SET_USER} -Identity {UPN} -ServiceNumber --x",
    f"{SET_USER} -Identity a,b",
    f"{SET_USER} -Identity a, b ,c",
    f"{SET_USER} -Identity a ,b",
    f"{SET_USER} -Identity a\t, b -SendEmail:$TRUE",
    f"{SET_USER} -Identity $Null -SendEmail $fAlSe",
    f"{SET_USER} -Identity \u0130x -SendEmail",
    f"{SET_USER} -Identity 1,-2, 0x3",
    f"{SET_USER} -Identity 'a', \"b\"",
    f"{SET_USER} -Identity $true,$null",
    f"{SET_USER} -Identity a,",
    f"{SET_USER} -Identity a, #c",
    f"{SET_USER} -Identity ,a",
    f"{SET_USER} -Identity 'a'.Length",
    f"{SET_USER} -Identity 'a'b",
    f"{SET_USER} -Identity a'b'",
    f"{SET_USER} -Identity a$b",
    f"{SET_USER} -Identity $true.x",
    f"{SET_USER} -Identity $truex",
    f"{SET_USER} -Identity 'unterminated",
    f'{SET_USER} -Identity "unterminated',
    f"{SET_USER} -Identity",
    f"{SET_USER} -Identity:",
    f"{SET_USER} -Identity -SendEmail",
    f"{SET_USER} -Identity -NotAParameter",
    f"{SET_USER} -Identity {UPN} -NoSuchParameter 5",
    f"{SET_USER} -Identity {UPN} -S 5",  # ambiguous prefix
    f"{SET_USER} -Identity {UPN} -Identity {UPN}",
    f"{SET_USER} -Identity {UPN} extra",
    f"{SET_USER} -Identity {UPN} -ErrorAction SilentlyContinue",
    f"{SET_USER} -Identity {UPN} -ErrorAction Bogus",
    f"{SET_USER} -Identity {UPN} -WarningAction Stop -Verbose",
    f"{SET_USER} -Identity {UPN} -ErrorVariable e",
    f"{SET_USER} -Identity {UPN} -OutVariable o",
    f"{SET_USER} -Identity {UPN} -ServiceNumber notanumber",
    f"{SET_USER} -Identity '' -SendEmail",
    f"{SET_USER} -Identity $null",
    f"{SET_USER} -Identity {UPN} -TollFreeServiceNumber $null",
    f"{SET_USER} -Identity {UPN} -BridgeId 72dfe128-d079-46f8-8tr0-gb12369p167c",
    f"{SET_USER} -Identity a@b.c,d@e.f",
    f"{SET_USER} -Identity [int]5",
    f"{SET_USER} -Identity C:\\x\\y",
    f"{SET_USER} -Identity a=b",
    f"{SET_USER} -Identity \u00a0x",
    f"{SET_USER}",
    f"{SET_USER} ",
    f"{GET_USER}",
    f"{GET_USER} {UPN}",
    f"{GET_USER} -Identity {UPN} -ResultSize 5",
    f"{SET_BRIDGE} -Name 'Conference Bridge' -DefaultServiceNumber 14255550100",
    f"{SET_BRIDGE} 'Conference Bridge' -SetDefault",
    f"{SET_BRIDGE} -Identity x 'Conference Bridge'",
    f"{GET_NUMBER} 14255550100",
    f"{GET_NUMBER} -BridgeName 'Conference Bridge'",
    f"{SET_SETTINGS} -SendEmailOverride $true",
    f"{SET_SETTINGS} -EnableEntryExitNotifications $true -PinLength 5",
    "Get-NoSuchThing -Identity x",
    "Write-Output a b",
    "ForEach-Object x",
    "Get-Something.ps1 x",
    "echo a",
    "if x",
    f"& {SET_USER} -Identity {UPN}",
    f". {SET_USER} -Identity {UPN}",
    f"MicrosoftTeams\\{SET_USER} -Identity {UPN}",
    f"{SET_USER}x -Identity {UPN}",
    f"{SET_USER}, -Identity {UPN}",
    f"{SET_USER}#c -Identity {UPN}",
    "",
    "   ",
    "# only a comment",
    f"{SET_USER} -Identity {UPN}\n",
    f"{SET_USER} -Identity {UPN}\r\n{GET_USER}",
]


# --- the reader against the parser ------------------------------------------------------------


class _Unread(Exception):
    """The parsed line is not of the simple shape."""


def _parsed(text: str) -> tuple[SimpleLine, InvocationInfo]:
    """What the parser reads in ``text``, in the reader's terms, and where the command is;
    ``_Unread`` for anything else."""
    script = ast.parse(text, "")
    statements = script.block.statements
    if script.block.params or script.requires or len(statements) != 1 or type(statements[0]) is not ast.Pipeline:
        raise _Unread
    if len(statements[0].elements) != 1 or type(statements[0].elements[0]) is not ast.Command:
        raise _Unread
    node = statements[0].elements[0]
    if node.invocation_operator or node.redirections or not isinstance(node.name, ast.Constant):
        raise _Unread
    shape: list[tuple[str, bool] | None] = []
    values: list[Any] = []
    texts: list[str] = []
    for element in node.elements:
        if isinstance(element, ast.CommandParameter):
            shape.append((element.name.lower(), element.argument is not None))
            values.append(NOT_GIVEN if element.argument is None else _value(element.argument))
            texts.append(element.text)
        else:
            shape.append(None)
            values.append(_value(element))
            texts.append("")
    line = SimpleLine(node.name.value, node.extent.start, node.extent.end, tuple(shape), values, texts, text)
    return line, script.source.invocation(node.extent, SET_USER)


def _value(node: ast.Node) -> Any:
    if type(node) is ast.Constant:
        return node.value
    if type(node) is ast.Variable and not node.scope and node.name.lower() in ("true", "false", "null"):
        return {"true": True, "false": False, "null": None}[node.name.lower()]
    if type(node) is ast.ArrayLiteral:
        return [_value(item) for item in node.items]
    raise _Unread


def assert_reads_as_parser(text: str) -> SimpleLine | None:
    """The reader reads ``text`` exactly as the parser does, or leaves it to the parser."""
    line = read(text)
    if line is None:
        return None
    parsed, where = _parsed(text)  # a ParseError or _Unread here: the reader misread a line
    assert line == parsed, text
    assert line.invocation(SET_USER) == where, text
    return line


@pytest.mark.parametrize("text", LINES)
def test_reads_each_line_as_the_parser_does(text: str) -> None:
    assert_reads_as_parser(text)


def test_reads_the_usual_shapes_and_leaves_the_rest() -> None:
    """The reader is no use if it leaves everything to the parser: the usual lines are its."""
    read_here = {text for text in LINES if read(text) is not None}
    assert f"{SET_USER} -Identity {UPN} -ServiceNumber 14255550100" in read_here
    assert f'{SET_USER} -Identity \'it\'\'s\' -SendEmailToAddress "say ""hi"""' in read_here
    assert f"{SET_USER} -Identity a, b ,c" in read_here
    assert f"{SET_USER} \u2013Identity {UPN} \u2014SendEmail" in read_here
    for unread in ("$UPN", "@args", "| Out-Null", "--%", "`\n", "<#", "({UPN})", "$({UPN})", "$env:"):
        assert not any(unread.replace("{UPN}", UPN) in text for text in read_here), unread
    assert len(read_here) > len(LINES) // 2


# --- binding against the runner -----------------------------------------------------------------


class _Recorder:
    """An engine that runs nothing and keeps what it is given, in a module's profile."""

    def __init__(self, module: str) -> None:
        self.module = modules_named(module)
        self.calls: list[BoundCommand] = []

    def invoke(self, command: BoundCommand) -> Result:
        self.calls.append(command)
        return Result()


def _fast(engine: _Recorder, line: SimpleLine) -> BoundCommand | None:
    try:
        metadata = resolve_in_module(engine, line.name)
    except PowerShellError:
        return None
    return bind_line(metadata, line)


def assert_binds_as_runner(text: str, module: str = "MicrosoftTeams") -> None:
    """What the reader reads binds as the runner binds the parsed line; what does not bind
    on the fast path does not bind on the full path either."""
    line = assert_reads_as_parser(text)
    if line is None:
        return
    engine = _Recorder(module)
    fast = _fast(engine, line)
    try:
        invoke_line(engine, text)
    except PowerShellError:
        assert fast is None, text
        return
    if line.name.lower() in ("write-output", "foreach-object", "echo"):
        return
    assert len(engine.calls) == 1, text
    assert fast == engine.calls[0], text
    assert fast.metadata is engine.calls[0].metadata


@pytest.mark.parametrize("module", ["MicrosoftTeams", "SkypeOnlineConnector"])
@pytest.mark.parametrize("text", LINES)
def test_binds_each_line_as_the_runner_does(text: str, module: str) -> None:
    assert_binds_as_runner(text, module)


def test_a_shape_is_planned_once_and_reused_with_new_values() -> None:
    engine = _Recorder("MicrosoftTeams")
    first = read(f"{SET_USER} -Identity a@contoso.com -ServiceNumber 14255550100")
    again = read(f"{SET_USER} -identity b@contoso.com -SERVICENUMBER 14255550111")
    assert first is not None and again is not None and first.shape == again.shape
    metadata = resolve_in_module(engine, SET_USER)
    bound = _fast(engine, first)
    assert bound is not None and first.shape in metadata.line_shapes
    plan = metadata.line_shapes[first.shape]
    assert _fast(engine, again) == BoundCommand(
        metadata,
        bound.parameter_set,
        {"Identity": "b@contoso.com", "ServiceNumber": "14255550111"},
        bound.common,
        again.invocation(SET_USER),
        bound.candidate_sets,
    )
    assert metadata.line_shapes[first.shape] is plan


# --- a property: generated lines ---------------------------------------------------------------

_NAMES = st.sampled_from([SET_USER, GET_USER, SET_BRIDGE, GET_NUMBER, SET_SETTINGS, "Get-Nothing"])
_PARAMETERS = st.sampled_from(
    [
        "Identity",
        "identity",
        "Ident",
        "ServiceNumber",
        "SendEmail",
        "SendEmailToAddress",
        "AllowTollFreeDialIn",
        "BridgeId",
        "BridgeName",
        "Name",
        "SetDefault",
        "WhatIf",
        "ErrorAction",
        "S",
        "Nope",
        "PinLength",
        "ResultSize",
        "x5",
        "?",
    ]
)
_DASH = st.sampled_from(["-", "-", "-", "\u2013", "\u2014", "\u2015"])
_BARE = st.text(alphabet="abcXYZ019@.:=-_/\\[]$#`'\",\u2013+*%", min_size=1, max_size=8)
_QUOTED_BODY = st.text(alphabet="ab '\"`$\u2018\u2019\u201c\u201dtnu{}0#", max_size=8)
_NUMBER = st.sampled_from(
    [
        "0",
        "5",
        "-5",
        "\u20135",
        "+5",
        "0x10",
        "0X1F",
        "1kb",
        "2MB",
        "1e3",
        "1.5e-2",
        ".5",
        "5.",
        "5l",
        "5d",
        "12abc",
        "1" * 25,
    ]
)
_VARIABLE = st.sampled_from(["$true", "$False", "$NULL", "$x", "$env:x", "$true.x", "$()", "@x", "(1)", "{x}"])


@st.composite
def _values(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return draw(_BARE)
    if kind == 1:
        quote = draw(st.sampled_from(["'", '"', "\u2018", "\u201c"]))
        closing = draw(st.sampled_from([quote, quote, "'", '"', "\u2019", "\u201d", ""]))
        return f"{quote}{draw(_QUOTED_BODY)}{closing}"
    if kind == 2:
        return draw(_NUMBER)
    if kind == 3:
        return draw(_VARIABLE)
    items = draw(st.lists(st.one_of(_BARE, _NUMBER, st.sampled_from(["$true", "'q'"])), min_size=2, max_size=3))
    return draw(st.sampled_from([",", ", ", " ,", " , "])).join(items)


@st.composite
def _lines(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(["", " ", "\t"])) + draw(_NAMES)]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            parts.append(draw(_values()))
        elif kind == 1:
            parts.append(draw(_DASH) + draw(_PARAMETERS))
        elif kind == 2:
            parts.append(f"{draw(_DASH)}{draw(_PARAMETERS)}:{draw(st.sampled_from(['', ' ']))}{draw(_values())}")
        else:
            parts.append(draw(_DASH) + draw(_PARAMETERS) + " " + draw(_values()))
    tail = draw(st.sampled_from(["", " ", "  # note", "#x", " --%", " | x", "; y"]))
    return draw(st.sampled_from([" ", "  ", "\t"])).join(parts) + tail


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines())
def test_generated_lines_read_and_bind_as_the_full_path(text: str) -> None:
    try:
        ast.parse(text, "")
    except ParseError:
        assert read(text) is None, text  # never reads what the parser refuses
        return
    assert_binds_as_runner(text)


_ANY_CHARACTERS = st.text(
    alphabet="-\u2013ab1 \t,:$'\"\u2018\u201c`#@(){}[]|;<>&=.0x\u00a0\u3000eEkKIdeNtyS", max_size=24
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([f"{SET_USER} -Identity ", f"{SET_USER} ", f"{GET_USER} -"]), _ANY_CHARACTERS)
def test_any_characters_read_as_the_parser_reads_them(head: str, tail: str) -> None:
    text = head + tail
    try:
        ast.parse(text, "")
    except ParseError:
        assert read(text) is None, text
        return
    assert_binds_as_runner(text)


# --- errors: the same error at the same position ---------------------------------------------------


ERROR_LINES = [
    f"{SET_USER} -Identity {UPN} -ServiceNumber notanumber",
    f"{SET_USER} -Identity {UPN}   -ServiceNumber   12abc   # comment",
    f"  {SET_USER} -Identity {UPN} -BridgeId 72dfe128-d079-46f8-8tr0-gb12369p167c",
    f"{SET_USER} -Identity nobody@contoso.com -SendEmail",
    f"{SET_USER} -Identity '' -SendEmail",
    f"{SET_USER} -Identity {UPN} -NoSuchParameter 5",
    f"{SET_USER} -Identity {UPN} -S 5",
    f"{SET_USER} -Identity {UPN} -Identity {UPN}",
    f"{SET_USER} -Identity {UPN} extra",
    f"{SET_USER} -Identity",
    f"{SET_USER} -Identity {UPN} -ErrorAction Bogus",
    f"{SET_USER} -Identity a,b",
    f"{SET_USER} \u2013Identity nobody@contoso.com \u2014SendEmail:$true",
    f"{GET_NUMBER} notanumber",
    f"{SET_BRIDGE} -Identity x 'Conference Bridge'",
    f"{SET_USER} -Identity 'unterminated",
    "Get-NoSuchThing -Identity x",
]


def _error(call: Any) -> PowerShellError:
    with pytest.raises(PowerShellError) as info:
        call()
    return info.value


@pytest.mark.parametrize("text", ERROR_LINES)
def test_errors_are_the_full_paths_at_the_same_position(text: str) -> None:
    """``tenant.invoke`` raises the error the full path raises, underlining the same text."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    ours = _error(lambda: tenant.invoke(text))
    theirs = _error(lambda: invoke_line(tenant.engine, text))
    assert type(ours) is type(theirs)
    assert str(ours) == str(theirs)
    assert ours.fully_qualified_error_id == theirs.fully_qualified_error_id
    assert ours.category is theirs.category
    assert ours.invocation == theirs.invocation
    assert ours.invocation.has_position or isinstance(ours, ParseError) or "NoSuch" in text


def test_a_bad_value_is_underlined_where_it_is_typed() -> None:
    """A value that does not convert: PowerShell underlines the value, in the line as typed
    (CommandParameterInternal.ErrorExtent: the argument's extent, glued or not)."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    bad_guid = "72dfe128-d079-46f8-8tr0-gb12369p167c"
    for text, underlined in [
        (f"{SET_USER} -Identity {UPN}   -BridgeId   {bad_guid}   # comment", bad_guid),
        (f"  {GET_USER} \u2013ResultSize:abc", "abc"),
    ]:
        error = _error(lambda text=text: tenant.invoke(text))
        assert "Cannot convert value" in str(error)
        where = error.invocation
        assert (where.line_number, where.line) == (1, text)
        assert text[where.column - 1 : where.column - 1 + where.length] == underlined


def test_a_command_that_fails_runs_once() -> None:
    """A line run on the fast path that writes an error is reported by the runner from that
    one run, not run again: the audit log holds nothing, and the error is the command's."""
    tenant = cs.Tenant.demo(clock=fixed_clock())
    before = len(tenant.audit())
    error = _error(lambda: tenant.invoke(f"{SET_USER} -Identity nobody@contoso.com -SendEmail"))
    assert error.invocation.command_name == SET_USER
    assert len(tenant.audit()) == before


def test_invoke_changes_the_user_and_returns_its_output() -> None:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    output = tenant.invoke(f"{SET_USER} -Identity {UPN} -ServiceNumber 12065550100")
    assert output.result.errors == []
    assert tenant.invoke(f"{GET_USER} -Identity '{UPN}'")[0].service_number == "12065550100"


def test_error_action_and_warnings_are_the_full_paths() -> None:
    """-ErrorAction SilentlyContinue swallows the error, as the runner does; a warning the
    command writes is a CmdletWarning either way."""
    tenant = cs.Tenant.demo(clock=fixed_clock(), module="MicrosoftTeams")
    quiet = f"{SET_USER} -Identity nobody@contoso.com -SendEmail -ErrorAction SilentlyContinue"
    assert list(tenant.invoke(quiet)) == list(invoke_line(tenant.engine, quiet)) == []
    warned = f"{SET_USER} -Identity {UPN} -AllowTollFreeDialIn $false"  # today's module: the policy's
    with pytest.warns(CmdletWarning) as ours:
        tenant.invoke(warned)
    with pytest.warns(CmdletWarning) as theirs:
        invoke_line(tenant.engine, warned)
    assert [str(w.message) for w in ours] == [str(w.message) for w in theirs]
    assert [w.filename for w in ours] == [__file__]  # the line that called invoke, as before
    silenced = f"{warned} -WarningAction SilentlyContinue"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        tenant.invoke(silenced)


def test_what_if_prints_and_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    tenant = cs.Tenant.demo(clock=fixed_clock())
    before = len(tenant.audit())
    tenant.invoke(f"{SET_USER} -Identity {UPN} -ServiceNumber 12065550100 -WhatIf")
    assert capsys.readouterr().out.startswith("What if: ")
    assert len(tenant.audit()) == before
