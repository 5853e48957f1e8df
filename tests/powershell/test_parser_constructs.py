"""The constructs real admin pages use, read as PowerShell 7.4's parser reads them (Parser.cs in
PowerShell/PowerShell, src/System.Management.Automation/engine/parser/), with its error ids and
texts (ParserStrings.resx). Where tree-sitter-pwsh reads a construct right, it cross-checks ours.
"""

from __future__ import annotations

from typing import Any

import pytest

from cscmdlets.powershell import parser as ast
from cscmdlets.powershell.errors import ParseError
from cscmdlets.powershell.parser import parse


def first_command(text: str) -> ast.Command:
    """The first command of the script's first pipeline."""
    statement = parse(text).statements[0]
    assert isinstance(statement, ast.Pipeline)
    command = statement.elements[0]
    assert isinstance(command, ast.Command)
    return command


def constant(node: object) -> object:
    """A redirection target or argument that must be a literal: its value."""
    assert isinstance(node, ast.Constant)
    return node.value


def parse_error(text: str) -> tuple[str, str, int, int]:
    with pytest.raises(ParseError) as caught:
        parse(text, "x.ps1")
    info = caught.value.error_record.invocation
    return caught.value.error_id, caught.value.message, info.line_number, info.column


# --- '<' and redirections (about_Redirection) ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column"),
    [
        pytest.param(
            "Set-CsOnlineDialInConferencingUser -Identity <UserPrincipalName> -SendEmail", 46, id="placeholder"
        ),
        pytest.param("if (36 < 42) { 'yes' }", 8, id="comparison-in-if"),
        pytest.param("$small = 3 < 4", 12, id="expression"),
        pytest.param("vhs < test.tape", 5, id="input-redirection"),
    ],
)
def test_less_than_is_reserved_for_future_use(text: str, column: int) -> None:
    """about_Redirection: `<` is an input redirection PowerShell does not implement; it is a parse
    error wherever it stands, so nothing in the script runs."""
    assert parse_error(text) == ("RedirectionNotSupported", "The '<' operator is reserved for future use.", 1, column)


def test_a_block_comment_is_not_a_redirection() -> None:
    command = first_command("Get-Thing <# note #> -Name x")
    assert [e.name for e in command.elements if isinstance(e, ast.CommandParameter)] == ["Name"]


def test_arguments_may_follow_a_redirection() -> None:
    """`Write-Output a > out.txt b` writes a and b to out.txt (CommandRule keeps scanning)."""
    command = first_command("Write-Output a > out.txt b 2>> err.log -NoEnumerate")
    assert [getattr(e, "value", getattr(e, "name", None)) for e in command.elements] == ["a", "b", "NoEnumerate"]
    assert [(r.stream, constant(r.target), r.append) for r in command.redirections] == [
        ("1", "out.txt", False),
        ("2", "err.log", True),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Write-Output a > x.txt > y.txt", "The output stream for this command is already redirected."),
        ("Get-X 2> e.txt -Y 2>&1", "The error stream for this command is already redirected."),
        ("$x *> a.txt *> b.txt", "The * stream for this command is already redirected."),
    ],
)
def test_a_stream_redirected_twice(text: str, message: str) -> None:
    assert parse_error(text)[:2] == ("StreamAlreadyRedirected", message)


def test_redirections_among_arguments_agree_with_tree_sitter(tree_sitter_parser: Any) -> None:
    text = "Write-Output first > out.txt second third"
    tree = tree_sitter_parser.parse(text.encode())
    elements = tree.root_node.children[0].children[0].children[0].children[0].child_by_field_name("command_elements")
    arguments = [c.text.decode() for c in elements.children if c.type == "generic_token"]
    targets = [c.child(1).text.decode().strip() for c in elements.children if c.type == "redirection"]
    command = first_command(text)
    assert [constant(e) for e in command.elements] == arguments
    assert [constant(r.target) for r in command.redirections] == targets


# --- labels (about_Break, about_Continue) -------------------------------------------------------


def test_loops_and_switch_take_labels_and_break_names_them() -> None:
    script = parse(
        ":users foreach ($u in $all) {\n"
        "  :numbers for ($i = 0; $i -lt 3; $i++) { continue users }\n"
        "  :retry while ($true) { break retry }\n"
        "  :again do { break } until ($true)\n"
        "  :pick switch ($u) { default { break pick } }\n"
        "}"
    )
    outer = script.statements[0]
    assert isinstance(outer, ast.ForEach) and outer.label == "users"
    assert outer.extent.start == 0  # the statement begins at its label
    assert [(type(s).__name__, s.label) for s in outer.body] == [  # type: ignore[union-attr]
        ("For", "numbers"),
        ("While", "retry"),
        ("DoLoop", "again"),
        ("Switch", "pick"),
    ]
    jumps = [n for n in ast.walk(outer) if isinstance(n, ast.Break | ast.Continue)]
    assert [(type(j).__name__, j.label) for j in jumps] == [
        ("Continue", "users"),
        ("Break", "retry"),
        ("Break", ""),
        ("Break", "pick"),
    ]


def test_a_label_before_anything_but_a_loop_is_a_command_name() -> None:
    """LabeledStatementRule resyncs on the label when no loop follows it."""
    command = first_command(":here Write-Host x")
    assert isinstance(command, ast.Command) and command.name_text == ":here"


# --- functions, param blocks, #Requires, here-strings, switch, do -------------------------------


def test_advanced_function_with_named_blocks() -> None:
    function = parse(
        "function Set-Numbers {\n"
        "  [CmdletBinding(SupportsShouldProcess = $true)]\n"
        "  param(\n"
        "    [Parameter(Mandatory, ValueFromPipelineByPropertyName)][Alias('UPN')][string]$Identity,\n"
        "    [ValidateNotNullOrEmpty()][string]$Tenant = $(Read-Host 'Tenant'),\n"
        "    [int]$Limit = 10\n"
        "  )\n"
        "  begin { $count = 0 }\n"
        "  process { $count++ }\n"
        "  end { $count }\n"
        "}"
    ).statements[0]
    assert isinstance(function, ast.FunctionDefinition)
    params = function.body.params
    assert params is not None and params.attributes[0].name == "CmdletBinding"
    assert [(p.name, p.type_name, [a.name for a in p.attributes]) for p in params.parameters] == [
        ("Identity", "string", ["Parameter", "Alias"]),
        ("Tenant", "string", ["ValidateNotNullOrEmpty"]),
        ("Limit", "int", []),
    ]
    default = params.parameters[1].default
    assert isinstance(default, ast.SubExpression)
    assert default.statements[0].elements[0].name_text == "Read-Host"  # type: ignore[union-attr]
    assert function.body.begin is not None and function.body.process is not None
    assert [len(b or ()) for b in (function.body.begin, function.body.process, function.body.statements)] == [1, 1, 1]


def test_requires_lines_are_read_and_kept_apart_from_the_statements() -> None:
    """about_Requires: only a line comment `#requires` (no space) counts, wherever it stands but
    inside a string or a block comment; parameter names may be prefixes."""
    script = parse(
        "#Requires -Version 5.10\n"
        "#Requires -Modules MicrosoftTeams, @{ModuleName = 'MSOnline'; ModuleVersion = '1.1'}\n"
        "# requires -Anything (an ordinary comment)\n"
        "<#\n#Requires -Ignored\n#>\n"
        "$text = @'\n#Requires -AlsoIgnored\n'@\n"
        "function F {\n  #requires -PSEd Core\n  #Requires -RunAsAdministrator\n}\n"
    )
    assert [(r.parameter, r.value, r.extent.line) for r in script.requires] == [
        ("Version", "5.10", 1),
        ("Modules", ["MicrosoftTeams", {"ModuleName": "MSOnline", "ModuleVersion": "1.1"}], 2),
        ("PSEdition", "Core", 11),
        ("RunAsAdministrator", True, 12),
    ]
    assert [type(s).__name__ for s in script.statements] == ["Assignment", "FunctionDefinition"]


@pytest.mark.parametrize(
    ("text", "error_id", "message", "column"),
    [
        (
            "#Requires -Modle MicrosoftTeams",
            "ScriptRequiresInvalidFormat",
            "Cannot process the #requires statement because it is not in the correct format.",
            11,
        ),
        ("#Requires -Version", "ParameterRequiresArgument", "Parameter Version requires an argument.", 11),
        (
            "#Requires -Version latest",
            "RequiresVersionInvalid",
            "The argument for the Version parameter is not valid. "
            "Specify a valid PowerShell version, in the format major.minor version.",
            20,
        ),
        (
            "#Requires -RunAsAdministrator yes",
            "ParameterCannotHaveArgument",
            "Parameter RunAsAdministrator cannot have an argument.",
            31,
        ),
        ("#Requires -Modules $name", "RequiresArgumentMustBeConstant", "Argument must be constant.", 20),
    ],
)
def test_requires_errors(text: str, error_id: str, message: str, column: int) -> None:
    assert parse_error(text + "\nWrite-Host 'never runs'") == (error_id, message, 1, column)


def test_here_strings_keep_their_lines() -> None:
    script = parse('$a = @"\nHello $name,\n  "quoted"\n"@\n$b = @\'\n$raw\n\'@')
    expandable, verbatim = (s.value.elements[0].expression for s in script.statements)  # type: ignore[union-attr]
    assert isinstance(expandable, ast.ExpandableString)
    assert expandable.parts[0] == "Hello " and expandable.parts[2] == ',\n  "quoted"'
    assert isinstance(verbatim, ast.Constant) and verbatim.value == "$raw"


@pytest.mark.parametrize(
    ("flags", "mode", "cased"), [("-Regex", "regex", False), ("-Wildcard -CaseSensitive", "wildcard", True)]
)
def test_switch_options(flags: str, mode: str, cased: bool) -> None:
    switch = parse(f"switch {flags} ($upn) {{ '^a' {{ 1 }} default {{ 2 }} }}").statements[0]
    assert isinstance(switch, ast.Switch) and (switch.mode, switch.case_sensitive) == (mode, cased)


def test_do_while_and_do_until() -> None:
    loops = parse("do { $i++ } while ($i -lt 3)\ndo { $i-- } until ($i -le 0)").statements
    assert [(type(s).__name__, s.until) for s in loops] == [("DoLoop", False), ("DoLoop", True)]  # type: ignore[union-attr]


def test_do_without_while_or_until() -> None:
    assert parse_error("do { $i++ }\n'after'")[:2] == (
        "MissingWhileOrUntilInDoWhile",
        "Missing while or until keyword in do loop.",
    )


# --- DSC Configuration ----------------------------------------------------------------------------


def test_a_dsc_configuration_is_parsed_not_refused() -> None:
    """about_Reserved_Words: `configuration` is a keyword; the block parses (the runner stops on
    it, as cscmdlets does not emulate DSC)."""
    script = parse(
        "Configuration TeamsRoom {\n  Import-DscResource -ModuleName PSDesiredStateConfiguration\n"
        "  Node 'localhost' {\n    File Log { DestinationPath = 'C:\\Temp\\log.txt'; Ensure = 'Present' }\n  }\n}\n"
        "TeamsRoom -OutputPath C:\\Dsc"
    )
    definition, call = script.statements
    assert isinstance(definition, ast.ConfigurationDefinition) and definition.name == "TeamsRoom"
    assert definition.body.statements[0].elements[0].name_text == "Import-DscResource"  # type: ignore[union-attr]
    assert isinstance(call, ast.Pipeline)


# --- the error catalogue ----------------------------------------------------------------------------


def test_every_parse_error_text_lives_in_the_catalogue() -> None:
    """The parser names its errors from parse_messages; no id or text is written inline."""
    import inspect
    import re

    from cscmdlets.powershell import parse_messages
    from cscmdlets.powershell import parser as parser_module

    source = inspect.getsource(parser_module)
    assert re.findall(r"(?:self|parser)\.(?:error|expect)\([^)]*?\"[A-Z][a-zA-Z]+\"", source) == []
    catalogue = [v for v in vars(parse_messages).values() if isinstance(v, parse_messages.ParseMessage)]
    assert len(catalogue) > 50
    for message in catalogue:
        assert re.fullmatch(r"[A-Z][A-Za-z]+", message.error_id), message
        assert message.message.endswith("."), message


def test_the_node_classes_are_read_through_the_parser_module() -> None:
    from cscmdlets.powershell import source, syntax

    assert ast.Command is syntax.Command and ast.Extent is source.Extent
    assert set(syntax.__all__) <= set(ast.__all__)


# --- commas inside method-call arguments (about_Parsing, argument mode) -------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        pytest.param("Write-Host $s.Substring(0, $s.IndexOf(','))", ["InvokeMember"], id="nested-call"),
        pytest.param("Foo -X $a.Replace('a','b').Split(',')[0]", ["-X", "Index"], id="chained-then-index"),
        pytest.param("Foo -X $a.Trim().Split(',')[0] -Y 2", ["-X", "Index", "-Y", "Constant"], id="param-after"),
        pytest.param("Foo $s.Substring(0 , $s.IndexOf( ',' ) ) 3", ["InvokeMember", "Constant"], id="spaced"),
        pytest.param("Foo $s.Substring(0,\n  3) x", ["InvokeMember", "Constant"], id="call-over-lines"),
        pytest.param("Foo -X $s.Split(',')[0], $s.Split(',')[1]", ["-X", "ArrayLiteral"], id="array-of-calls"),
        pytest.param("Foo [string]::Join(',', $a)", ["Constant", "Paren"], id="type-is-a-bareword"),
    ],
)
def test_a_comma_inside_a_call_does_not_split_the_argument(text: str, kinds: list[str]) -> None:
    """In argument mode a comma makes an array only at the argument's own level; the commas between
    a method call's arguments stay inside it, however deep (about_Parsing). ``[type]::M(...)`` is a
    generic token followed by a parenthesised argument, as PowerShell reads it."""
    command = first_command(text)
    got = [f"-{e.name}" if isinstance(e, ast.CommandParameter) else type(e).__name__ for e in command.elements]
    assert got == kinds


# --- PowerShell 7 operators (about_Operators, about_Pipeline_Chain_Operators) -------------------


def expression_of(text: str) -> ast.Expression:
    """The value of the script's first statement: an assignment's, else its lone expression."""
    statement = parse(text).statements[0]
    value = statement.value if isinstance(statement, ast.Assignment) else statement
    expression = ast.single_expression(value)
    assert expression is not None, value
    return expression


def test_null_coalescing_binds_between_comparison_and_addition() -> None:
    """``??`` is tighter than ``-gt`` and looser than ``+`` (BinaryPrecedenceCoalesce in token.cs)."""
    compared = expression_of("$row.PinLength ?? 5 -gt 4")
    assert isinstance(compared, ast.Binary) and compared.op == "gt"
    assert isinstance(compared.left, ast.Binary) and compared.left.op == "??"
    summed = expression_of("$upn = $row.UserPrincipalName ?? $prefix + $row.Mail")
    assert isinstance(summed, ast.Binary) and summed.op == "??"
    assert isinstance(summed.right, ast.Binary) and summed.right.op == "+"


def test_null_coalescing_assignment_is_an_assignment_operator() -> None:
    statement = parse("$settings.DefaultNumber ??= '14255550100'").statements[0]
    assert isinstance(statement, ast.Assignment) and statement.op == "??="
    assert isinstance(statement.target, ast.Member)


def test_ternary_takes_a_whole_comparison_and_nests_to_the_right() -> None:
    ternary = expression_of("$pin = $settings.PinLength -gt 5 -and $on ? 'long' : $short ? 'short' : 'none'")
    assert isinstance(ternary, ast.Ternary)
    assert isinstance(ternary.condition, ast.Binary) and ternary.condition.op == "and"
    assert ternary.if_true == ast.Constant(ternary.if_true.extent, "long", "single")
    assert isinstance(ternary.if_false, ast.Ternary)


def test_ternary_branches_may_go_over_lines() -> None:
    ternary = expression_of("$kind = $user.AllowTollFreeDialIn ?\n    'toll-free' :\n    'toll'")
    assert isinstance(ternary, ast.Ternary)
    assert (ternary.extent.line, ternary.if_false.extent.line) == (1, 3)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("$found?", "found?", id="trailing"),
        pytest.param("$is?it", "is?it", id="inside"),
        pytest.param('"Is it $found?"', "found?", id="in-a-string"),
    ],
)
def test_a_question_mark_continues_a_variable_name(text: str, name: str) -> None:
    """tokenizer.cs (ScanVariable) takes ``?`` into a variable's name, which is why PowerShell 7's
    operators need ``$x ? a : b`` with a blank and ``${x}?.Name`` with braces (about_Operators)."""
    assert [n.name for n in ast.walk(parse(text)) if isinstance(n, ast.Variable)] == [name]


@pytest.mark.parametrize(
    ("text", "accesses"),
    [
        pytest.param("${user}?.DisplayName", [("Member", True)], id="member"),
        pytest.param("${user}?.Identity.ToUpper()", [("InvokeMember", False), ("Member", True)], id="then-a-call"),
        pytest.param("${user}?.Trim('x')", [("InvokeMember", True)], id="method"),
        pytest.param("${numbers}?[0]", [("Index", True)], id="index"),
        pytest.param("(Get-CsOnlineDialInConferencingUser)?.Identity", [("Member", True)], id="after-parentheses"),
    ],
)
def test_null_conditional_access(text: str, accesses: list[tuple[str, bool]]) -> None:
    """Each access, outermost first, and whether it is null-conditional (only the one after ``?``)."""
    found = ast.walk(expression_of(text))
    kinds = (ast.Member, ast.InvokeMember, ast.Index)
    assert [(type(n).__name__, n.null_conditional) for n in found if isinstance(n, kinds)] == accesses


def test_null_conditional_is_not_taken_in_a_command_argument() -> None:
    """In argument mode ``?`` after a value starts no access (tokenizer.cs: only ``.`` and ``[`` do)."""
    command = first_command("Write-Host ${user}?.DisplayName")
    assert all(not getattr(element, "null_conditional", False) for element in command.elements)


def test_pipeline_chains_group_to_the_left_and_assign_their_output() -> None:
    statement = parse(
        "$result = Get-CsOnlineDialInConferencingUser -Identity $upn ||\n"
        "    Write-Warning 'missing' && Write-Output 'checked' > log.txt"
    ).statements[0]
    assert isinstance(statement, ast.Assignment)
    chain = statement.value
    assert isinstance(chain, ast.PipelineChain) and chain.op == "&&"
    assert isinstance(chain.left, ast.PipelineChain) and chain.left.op == "||"
    assert [command.name_text for command in ast.walk(chain) if isinstance(command, ast.Command)] == [
        "Get-CsOnlineDialInConferencingUser",
        "Write-Warning",
        "Write-Output",
    ]
    last = chain.right.elements[0]
    assert isinstance(last, ast.Command) and [r.stream for r in last.redirections] == ["1"]


def test_a_pipeline_chain_is_a_condition() -> None:
    statement = parse("if (Test-Path users.csv && Test-Path numbers.csv) { 'both' }").statements[0]
    assert isinstance(statement, ast.If)
    assert isinstance(statement.clauses[0][0], ast.PipelineChain)


@pytest.mark.parametrize(
    ("text", "error_id", "message", "column"),
    [
        pytest.param(
            "$kind = $on ? 'long'",
            "MissingColonInTernaryExpression",
            "Missing ':' in the ternary expression.",
            21,
            id="ternary-without-colon",
        ),
        pytest.param(
            "$kind = $on ?",
            "ExpectedValueExpression",
            "You must provide a value expression following the '?' operator.",
            14,
            id="ternary-without-branch",
        ),
        pytest.param(
            "$kind = $on ? 1 :",
            "ExpectedValueExpression",
            "You must provide a value expression following the ':' operator.",
            18,
            id="ternary-without-else",
        ),
        pytest.param(
            "$x? 1 : 2",
            "UnexpectedToken",
            "Unexpected token '1' in expression or statement.",
            5,
            id="question-mark-in-the-name",
        ),
        pytest.param(
            "$hello ??? $what",
            "ExpectedValueExpression",
            "You must provide a value expression following the '??' operator.",
            10,
            id="three-question-marks",
        ),
        pytest.param(
            "Get-CsOnlineDialInConferencingUser &&",
            "EmptyPipelineChainElement",
            "A pipeline chain operator must be followed by a pipeline.",
            38,
            id="chain-at-the-end",
        ),
        pytest.param(
            "Get-CsOnlineDialInConferencingUser || ; 'x'",
            "EmptyPipelineChainElement",
            "A pipeline chain operator must be followed by a pipeline.",
            36,
            id="chain-before-semicolon",
        ),
        pytest.param(
            "1 ??= 1",
            "InvalidLeftHandSide",
            "The assignment expression is not valid. The input to an assignment operator must be an object "
            "that is able to accept assignments, such as a variable or a property.",
            1,
            id="coalesce-into-a-constant",
        ),
        pytest.param(
            "${user}?.DisplayName = 'x'",
            "InvalidLeftHandSide",
            "The assignment expression is not valid. The input to an assignment operator must be an object "
            "that is able to accept assignments, such as a variable or a property.",
            1,
            id="null-conditional-target",
        ),
        pytest.param(
            "${user}?.",
            "MissingPropertyName",
            "Missing property name after reference operator.",
            9,
            id="null-conditional-without-name",
        ),
    ],
)
def test_malformed_powershell_7_operators(text: str, error_id: str, message: str, column: int) -> None:
    """Parser.cs's errors for these operators (ExpressionRule, PipelineChainRule; the cases of
    PowerShell's own test/powershell/Language/Parser/Parsing.Tests.ps1)."""
    assert parse_error(text) == (error_id, message, 1, column)


@pytest.mark.parametrize("text", ["1?2:3", "1?", "12:"])
def test_a_number_run_into_a_question_mark_or_colon_is_a_command_name(text: str) -> None:
    """PowerShell's own parser tests (Parsing.Tests.ps1, "Ternary Operator parsing"): outside a
    ternary's branches a number does not end at ``?`` or ``:``, so the run is one generic token."""
    assert constant(first_command(text).name) == text


def test_a_number_ends_at_the_ternary_colon_in_a_branch() -> None:
    ternary = expression_of("$kind = $on ? 1:2")
    assert isinstance(ternary, ast.Ternary)
    assert (constant(ternary.if_true), constant(ternary.if_false)) == (1, 2)
