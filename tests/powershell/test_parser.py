"""The .ps1 parser: every construct admin scripts use, and PowerShell's parse errors.

Typographic quotes and dashes are read as PowerShell's tokenizer reads them (tokenizer.cs),
and malformed input is a ParseError with id, message, line and column — never a traceback.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cscmdlets.powershell import parser as ast
from cscmdlets.powershell.errors import ParseError
from cscmdlets.powershell.parser import parse


def only_command(text: str) -> ast.Command:
    statement = parse(text).statements[0]
    assert isinstance(statement, ast.Pipeline)
    element = statement.elements[0]
    assert isinstance(element, ast.Command)
    return element


def expression_of(text: str) -> ast.Expression:
    statement = parse(text).statements[0]
    assert isinstance(statement, ast.Pipeline)
    element = statement.elements[0]
    assert isinstance(element, ast.CommandExpression)
    return element.expression


def shape(element: Any) -> Any:
    """A compact view of a command element for table-driven assertions."""
    if isinstance(element, ast.CommandParameter):
        return ("-" + element.name, None if element.argument is None else shape(element.argument))
    if isinstance(element, ast.Constant):
        return element.value
    if isinstance(element, ast.Variable):
        return "$" + element.name
    if isinstance(element, ast.ArrayLiteral):
        return [shape(item) for item in element.items]
    if isinstance(element, ast.Splat):
        return "@" + element.name
    return type(element).__name__


# --- commands and arguments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "elements"),
    [
        pytest.param(
            "Set-X -id amos.marble@contoso.com  -SendEmail",
            [("-id", None), "amos.marble@contoso.com", ("-SendEmail", None)],
            id="prefix-and-switch",
        ),
        pytest.param(
            "Set-X user@contoso.com \u2013 AllowTollFreeDialIn $false",
            ["user@contoso.com", "\u2013", "AllowTollFreeDialIn", "$false"],
            id="en-dash-then-space-is-a-value",
        ),
        pytest.param(
            "Set-X \u2013Identity a \u2014Name b \u2015Tag c",
            [("-Identity", None), "a", ("-Name", None), "b", ("-Tag", None), "c"],
            id="unicode-dashes",
        ),
        pytest.param(
            "Set-X -Name \u201cAmos Marble\u201d -Id \u2018a@b.com\u2019",
            [("-Name", None), "Amos Marble", ("-Id", None), "a@b.com"],
            id="typographic-quotes",
        ),
        pytest.param(
            "Set-X -Name \u201eLow\u201c -Id \u201aone\u201b",
            [("-Name", None), "Low", ("-Id", None), "one"],
            id="low-quotes",
        ),
        pytest.param(
            "Set-X -Identity:a@b.com -Confirm:$false",
            [("-Identity", "a@b.com"), ("-Confirm", "$false")],
            id="glued-values",
        ),
        pytest.param("Set-X -Strict: $true", [("-Strict", "$true")], id="glued-after-space"),
        pytest.param(
            "Set-X -Offset -5 -Name -notparam",
            [("-Offset", None), -5, ("-Name", None), ("-notparam", None)],
            id="negative-number-and-dash-word",
        ),
        pytest.param(
            "Set-X 8271964 14255550100 +180045551234 0x1F 2kb",
            [8271964, 14255550100, 180045551234, 31, 2048],
            id="numbers",
        ),
        pytest.param(
            "Set-X 1.2.3.4 7days .\\users.csv", ["1.2.3.4", "7days", ".\\users.csv"], id="number-like-barewords"
        ),
        pytest.param("Set-X -Name a,b, c", [("-Name", None), ["a", "b", "c"]], id="comma-array"),
        pytest.param("Set-X @params -WhatIf", ["@params", ("-WhatIf", None)], id="splat"),
        pytest.param("Set-X -- -Name", ["-Name"], id="end-of-parameters"),
        pytest.param(
            "Set-X -amos.marble -ResetLeaderPIN",
            [("-amos.marble", None), ("-ResetLeaderPIN", None)],
            id="doc-typo-parameter",
        ),
    ],
)
def test_command_elements(text: str, elements: list[Any]) -> None:
    command = only_command(text)
    assert command.name_text == "Set-X"
    assert [shape(e) for e in command.elements] == elements


def test_numbers_are_int32_or_int64_by_size() -> None:
    values = [e.value for e in only_command("Set-X 2147483647 2147483648").elements if isinstance(e, ast.Constant)]
    assert values == [2147483647, 2147483648]
    assert all(type(v) is int for v in values)


def test_parameter_extent_covers_the_dash_and_name() -> None:
    command = only_command("Set-CsOnlineDialInConferencingUser -SendEmailOverride $true")
    parameter = command.elements[0]
    assert isinstance(parameter, ast.CommandParameter)
    assert (parameter.extent.line, parameter.extent.column) == (1, 36)
    assert parameter.extent.end - parameter.extent.start == len("-SendEmailOverride")


def test_bareword_with_variable_is_expandable() -> None:
    element = only_command("Get-Content C:\\$name\\x.txt").elements[0]
    assert isinstance(element, ast.ExpandableString)
    assert element.parts[0] == "C:\\"
    assert isinstance(element.parts[1], ast.Variable)


def test_argument_member_access_and_method_call() -> None:
    element = only_command("Set-X -Identity $_.UPN.Trim()").elements[1]
    assert isinstance(element, ast.InvokeMember)
    assert isinstance(element.target, ast.Member)


def test_invocation_operator_and_redirection() -> None:
    statement = parse("& $cmd -Force > out.txt").statements[0]
    assert isinstance(statement, ast.Pipeline)
    command = statement.elements[0]
    assert isinstance(command, ast.Command)
    assert command.invocation_operator == "&"
    assert command.redirections[0].stream == "1"


# --- strings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param("'it''s'", "it's", id="single-doubled-quote"),
        pytest.param("'a \u2019\u2019 b'", "a \u2019 b", id="typographic-doubled-single"),
        pytest.param('"tab`there `"q`" ""x"""', 'tab\there "q" "x"', id="backtick-escapes"),
        pytest.param('"a`u{2013}b"', "a\u2013b", id="unicode-escape"),
        pytest.param("@'\nraw $x `n\n'@", "raw $x `n", id="verbatim-here-string"),
        pytest.param('"$"', "$", id="lone-dollar"),
    ],
)
def test_constant_strings(text: str, value: str) -> None:
    constant = expression_of(text)
    assert isinstance(constant, ast.Constant)
    assert constant.value == value


def test_expandable_string_parts() -> None:
    expression = expression_of('"Hi $name, you have $($items.Count) items; ${odd name} $env:USERNAME"')
    assert isinstance(expression, ast.ExpandableString)
    kinds = [p if isinstance(p, str) else type(p).__name__ for p in expression.parts]
    assert kinds == ["Hi ", "Variable", ", you have ", "SubExpression", " items; ", "Variable", " ", "Variable"]
    env = expression.parts[-1]
    assert isinstance(env, ast.Variable) and (env.scope, env.name) == ("env", "USERNAME")


def test_expandable_here_string_keeps_quotes_and_lines() -> None:
    expression = expression_of('@"\nDear $name,\n  "quoted"\n"@')
    assert isinstance(expression, ast.ExpandableString)
    assert expression.parts[0] == "Dear "
    assert expression.parts[2] == ',\n  "quoted"'


# --- expressions -------------------------------------------------------------------------------------


def test_operator_precedence() -> None:
    expression = expression_of("$a -eq 1 -and -not $b -or 1 + 2 * 3 -gt 6")
    assert isinstance(expression, ast.Binary) and expression.op == "or"
    left = expression.left
    assert isinstance(left, ast.Binary) and left.op == "and"
    right = expression.right
    assert isinstance(right, ast.Binary) and right.op == "gt"
    sum_ = right.left
    assert isinstance(sum_, ast.Binary) and sum_.op == "+"
    assert isinstance(sum_.right, ast.Binary) and sum_.right.op == "*"


@pytest.mark.parametrize(
    ("text", "op"),
    [
        ("$a -IEQ 'x'", "eq"),
        ("$a -ceq 'x'", "ceq"),
        ("$a \u2013like 'x*'", "like"),
        ("$a -notmatch '^a'", "notmatch"),
        ("$a -contains 1", "contains"),
        ("$a -notin $b", "notin"),
        ("$a -replace 'a','b'", "replace"),
        ("'{0}' -f 1", "f"),
        ("1..5", ".."),
        ("$a -is [string]", "is"),
        ("$a -split ','", "split"),
    ],
)
def test_binary_operators(text: str, op: str) -> None:
    expression = expression_of(text)
    assert isinstance(expression, ast.Binary)
    assert expression.op == op


def test_comma_binds_tighter_than_comparison() -> None:
    expression = expression_of("1,2 -contains 2")
    assert isinstance(expression, ast.Binary)
    assert isinstance(expression.left, ast.ArrayLiteral)


def test_method_arguments_are_separated_by_commas() -> None:
    expression = expression_of("'abc'.Replace('a', 'b').ToUpper()")
    assert isinstance(expression, ast.InvokeMember)
    inner = expression.target
    assert isinstance(inner, ast.InvokeMember) and len(inner.arguments) == 2


def test_hashtable_cast_index_and_static_member() -> None:
    expression = expression_of("[pscustomobject]@{ Name = 'x'; Count = 2 }")
    assert isinstance(expression, ast.Cast) and expression.type_name == "pscustomobject"
    assert isinstance(expression.operand, ast.HashLiteral) and len(expression.operand.entries) == 2
    indexed = expression_of("$u.UserPrincipalName.Split('@')[0]")
    assert isinstance(indexed, ast.Index)
    static = expression_of("[math]::Round(2.5)")
    assert isinstance(static, ast.InvokeMember) and static.static


def test_hashtable_entries_on_separate_lines() -> None:
    expression = expression_of("@{\n  Identity = 'a'\n  SendEmail = $true\n}")
    assert isinstance(expression, ast.HashLiteral)
    assert [shape(k) for k, _ in expression.entries] == ["Identity", "SendEmail"]


def test_array_subexpression_and_typed_array() -> None:
    assert isinstance(expression_of("@()"), ast.ArrayExpression)
    assert isinstance(expression_of("@(Get-X; 1)"), ast.ArrayExpression)
    assert isinstance(expression_of("[string[]]$names"), ast.Cast)


# --- statements --------------------------------------------------------------------------------------


def test_assignment_forms() -> None:
    statements = parse("$a = 1\n$a += 2; $h.Name = 'x'\n$list[0] = 3\n[int]$n = '4'").statements
    assert [type(s).__name__ for s in statements] == ["Assignment"] * 5
    assert [s.op for s in statements if isinstance(s, ast.Assignment)] == ["=", "+=", "=", "=", "="]
    assert [type(s.target).__name__ for s in statements if isinstance(s, ast.Assignment)] == [
        "Variable",
        "Variable",
        "Member",
        "Index",
        "Cast",
    ]


def test_pipeline_with_script_blocks_and_continuation() -> None:
    statement = parse(
        "Import-Csv .\\u.csv |\n  Where-Object { $_.Enabled -eq 'TRUE' } `\n  | ForEach-Object {\n"
        "    Set-X -Identity $_.UPN\n  }"
    ).statements[0]
    assert isinstance(statement, ast.Pipeline)
    assert [e.name_text for e in statement.elements if isinstance(e, ast.Command)] == [
        "Import-Csv",
        "Where-Object",
        "ForEach-Object",
    ]


def test_control_flow_statements() -> None:
    text = """
    if ($a) { 1 } elseif ($b) { 2 }
    else { 3 }
    foreach ($u in $users) { continue }
    for ($i = 0; $i -lt 3; $i++) { break }
    while ($false) { }
    do { $n++ } until ($n -ge 3)
    try { throw 'x' } catch [System.Management.Automation.RuntimeException], [Exception] { $_ } finally { 'f' }
    function Set-Things { param([Parameter(Mandatory)][string]$Name, [switch]$Force) return $Name }
    exit 3
    """
    kinds = [type(s).__name__ for s in parse(text).statements]
    assert kinds == ["If", "ForEach", "For", "While", "DoLoop", "Try", "FunctionDefinition", "Exit"]
    branch = parse(text).statements[0]
    assert isinstance(branch, ast.If) and len(branch.clauses) == 2 and branch.else_body is not None


def test_switch_file_keeps_the_file_name_as_its_condition() -> None:
    """about_Switch: ``switch -File name``; SwitchStatementAst holds the name as its condition."""
    statement = parse("switch -Regex -File .\\users.txt { '^#' { continue } default { $_ } }").statements[0]
    assert isinstance(statement, ast.Switch)
    assert (statement.file, statement.mode) == (True, "regex")
    assert ast.single_expression(statement.value) == ast.Constant(statement.value.extent, ".\\users.txt", "bareword")


def test_several_variables_on_the_left_of_equals() -> None:
    """about_Assignment_Operators: ``$a, $b = …`` assigns; with ``+=`` the list is no target."""
    statement = parse("$first, $rest = $users").statements[0]
    assert isinstance(statement, ast.Assignment) and isinstance(statement.target, ast.ArrayLiteral)
    assert [item.name for item in statement.target.items if isinstance(item, ast.Variable)] == ["first", "rest"]
    with pytest.raises(ParseError):
        parse("$a, $b += 1")


def test_trap_statements_keep_their_type_and_place() -> None:
    """about_Trap: ``trap [type] { }`` may stand anywhere in a statement list."""
    statements = parse("1/0\ntrap [System.DivideByZeroException] { 'x'; continue }\ntrap { 'any' }").statements
    traps = [s for s in statements if isinstance(s, ast.Trap)]
    assert [t.types for t in traps] == [("System.DivideByZeroException",), ()]
    assert [type(s).__name__ for s in traps[0].body] == ["Pipeline", "Continue"]


def test_switch_statement() -> None:
    statement = parse(
        "switch -Wildcard ($u.UPN) {\n  '*@contoso.com' { 1 }\n  { $_ -eq 2 } { 2; break }\n"
        "  42 { 3 }\n  default { 4 }\n}"
    ).statements[0]
    assert isinstance(statement, ast.Switch)
    assert (statement.mode, statement.case_sensitive) == ("wildcard", False)
    kinds = [type(c.condition).__name__ for c in statement.clauses]
    assert kinds == ["Constant", "ScriptBlockExpression", "Constant", "NoneType"]


def test_script_param_block_with_attributes() -> None:
    script = parse(
        "[CmdletBinding(SupportsShouldProcess)]\nparam(\n  [Parameter(Mandatory = $true, Position = 0)]"
        "\n  [string]$CsvPath,\n  [ValidateSet('a','b')][string]$Mode = 'a',\n  [switch]$Apply\n)\n'ok'"
    )
    assert script.params is not None
    names = [(p.name, p.type_name, p.is_mandatory) for p in script.params.parameters]
    assert names == [("CsvPath", "string", True), ("Mode", "string", False), ("Apply", "switch", False)]
    assert script.params.attributes[0].name == "CmdletBinding"


def test_comments_requires_and_block_comments_are_skipped() -> None:
    script = parse("#Requires -Modules MicrosoftTeams\n<# header\n  text #>\nWrite-Host 'x' # trailing\n")
    assert len(script.statements) == 1
    assert script.statements[0].extent.line == 4


def test_function_with_process_block() -> None:
    statement = parse("function F { param([Parameter(ValueFromPipeline)]$In) begin { } process { $In } }").statements[0]
    assert isinstance(statement, ast.FunctionDefinition)
    assert statement.body.process is not None and statement.body.begin == ()


# --- parse errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "error_id", "message", "line", "column"),
    [
        pytest.param(
            'Write-Host "abc',
            "TerminatorExpectedAtEndOfString",
            'The string is missing the terminator: ".',
            1,
            12,
            id="unterminated-double",
        ),
        pytest.param(
            "Set-X -Name 'abc\n\n",
            "TerminatorExpectedAtEndOfString",
            "The string is missing the terminator: '.",
            1,
            13,
            id="unterminated-single",
        ),
        pytest.param(
            '$x = 1\n$t = @"\nnever closed\n',
            "TerminatorExpectedAtEndOfString",
            'The string is missing the terminator: "@.',
            2,
            6,
            id="unterminated-here-string",
        ),
        pytest.param(
            "foreach ($u in $users) {\n  Set-X $u\n",
            "MissingEndCurlyBrace",
            "Missing closing '}' in statement block or type definition.",
            1,
            24,
            id="missing-brace",
        ),
        pytest.param(
            "$p = @{ Identity = }",
            "MissingStatementInHashLiteral",
            "Missing statement after '=' in hash literal.",
            1,
            19,
            id="hash-missing-value",
        ),
        pytest.param(
            "$p = @{\n  Identity = ; SendEmail = $true }",
            "MissingStatementInHashLiteral",
            "Missing statement after '=' in hash literal.",
            2,
            13,
            id="hash-missing-value-semicolon",
        ),
        pytest.param(
            "$p = @{ Identity 'x' }",
            "MissingEqualsInHashLiteral",
            "Missing '=' operator after key in hash literal.",
            1,
            18,
            id="hash-missing-equals",
        ),
        pytest.param(
            "Set-X -A ) 1",
            "UnexpectedToken",
            "Unexpected token ')' in expression or statement.",
            1,
            10,
            id="unexpected-paren",
        ),
        pytest.param(
            "$a = 1 2",
            "UnexpectedToken",
            "Unexpected token '2' in expression or statement.",
            1,
            8,
            id="unexpected-number",
        ),
        pytest.param(
            "$x = $a -eq",
            "ExpectedValueExpression",
            "You must provide a value expression following the '-eq' operator.",
            1,
            12,
            id="missing-operand",
        ),
        pytest.param(
            "$x = (1 + 2",
            "MissingEndParenthesisInExpression",
            "Missing closing ')' in expression.",
            1,
            6,
            id="missing-paren",
        ),
        pytest.param(
            '"Failed for $user: $_"',
            "InvalidVariableReferenceWithDrive",
            "Variable reference is not valid. ':' was not followed by a valid variable name character. "
            "Consider using ${} to delimit the name.",
            1,
            13,
            id="variable-colon",
        ),
        pytest.param(
            "if $x { }",
            "MissingOpenParenthesisInIfStatement",
            "Missing '(' after 'if' in if statement.",
            1,
            4,
            id="if-without-paren",
        ),
        pytest.param(
            "try { 1 }\n'next'",
            "MissingCatchOrFinally",
            "The Try statement is missing its Catch or Finally block.",
            1,
            1,
            id="try-alone",
        ),
        pytest.param(
            "Get-X | | Set-Y", "EmptyPipeElement", "An empty pipe element is not allowed.", 1, 7, id="empty-pipe"
        ),
        pytest.param(
            "Get-X | $x",
            "ExpressionsMustBeFirstInPipeline",
            "Expressions are only allowed as the first element of a pipeline.",
            1,
            9,
            id="expression-after-pipe",
        ),
        pytest.param(
            "class Foo { }",
            "UnsupportedStatement",
            "The 'class' statement is not supported by cscmdlets scripts.",
            1,
            1,
            id="class-unsupported",
        ),
        pytest.param(
            "switch -file",
            "MissingFilenameOption",
            "Missing file name after '-file'.",
            1,
            13,
            id="switch-file-without-name",  # Parser.cs: after the flag (PowerShell's parser tests: offset 12)
        ),
        pytest.param(
            "trap", "MissingTrapStatement", "Missing statement block in trap statement.", 1, 5, id="trap-alone"
        ),
        pytest.param(
            "trap [int]",
            "MissingTrapStatement",
            "Missing statement block in trap statement.",
            1,
            11,
            id="trap-type-alone",
        ),
        pytest.param(
            "$a = $b[0",
            "MissingEndSquareBracket",
            "Missing ']' after array index expression.",
            1,
            8,
            id="missing-square-bracket",
        ),
        pytest.param(
            "Set-X <# open comment",
            "MissingTerminatorMultiLineComment",
            "The comment is missing the terminator: #>.",
            1,
            7,
            id="open-block-comment",
        ),
    ],
)
def test_parse_errors(text: str, error_id: str, message: str, line: int, column: int) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text, "C:\\scripts\\x.ps1")
    error = caught.value
    assert (error.error_id, error.message) == (error_id, message)
    info = error.error_record.invocation
    assert (info.line_number, info.column, info.script_name) == (line, column, "C:\\scripts\\x.ps1")
    assert error.fully_qualified_error_id == error_id


def test_parse_error_views_show_the_line() -> None:
    with pytest.raises(ParseError) as caught:
        parse("$p = @{ Identity = }", "/scripts/x.ps1")
    view = caught.value.error_record.concise_view()
    assert view.splitlines()[1:4] == ["Line |", "   1 |  $p = @{ Identity = }", "     |                    ~"]


def test_extents_compare_and_print_by_line_and_column() -> None:
    """Extents store offsets only (line and column are worked out on demand) yet act as if they stored all four."""
    first, again, shifted = (parse(text).statements[1] for text in ("1;\n$x", "1;\n$x", "1\n;$x"))
    assert first == again and hash(first) == hash(again)
    assert (first.extent.start, first.extent.end) == (shifted.extent.start, shifted.extent.end)
    assert first != shifted  # same offsets, another column
    assert repr(first.extent) == "Extent(start=3, end=5, line=2, column=1)"


@pytest.mark.parametrize("enabled", [True, False])
def test_parse_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    """The parser pauses the collector while it builds the tree (a third of the time on long scripts)."""
    was_enabled = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        parse("$x = 1")
        with pytest.raises(ParseError):
            parse("$x = ")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was_enabled else gc.disable)()


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet="$@(){}[]'\"`|;,.-=+*/%!<>#:\n abcifelsforeachtrycatch0123\u2018\u2019\u201c\u201d\u2013", max_size=60
    )
)
def test_arbitrary_input_never_raises_anything_but_parse_error(text: str) -> None:
    try:
        parse(text)
    except ParseError as error:
        assert error.error_record.invocation.line_number >= 1


# --- cross-check against tree-sitter-pwsh (a test-only oracle) ---------------------------------------

CORPUS = Path(__file__).parent.parent / "scripts" / "corpus"
ORACLE_LINES = [
    "Set-CsOnlineDialInConferencingUser -id amos.marble@contoso.com  -SendEmail",
    "Set-CsOnlineDialInConferencingUser -Identity:amos@contoso.com -Confirm:$false -ResetLeaderPin",
    "Get-CsOnlineDialInConferencingUser | Where-Object { $_.BridgeName -like 'EMEA*' } | "
    "Set-CsOnlineDialInConferencingUser -AllowTollFreeDialIn $false",
    "$p = @{ Identity = 'a'; SendEmail = $true }; Set-CsOnlineDialInConferencingUser @p -WhatIf",
    "foreach ($u in Import-Csv .\\users.csv) { Set-X -Identity $u.UPN -Names a,b,c -Count 3 }",
    "if ($x -eq 1) { Write-Host \"one $($x.Name)\" } else { Write-Warning 'other' }",
]


def commands_found(text: str) -> list[tuple[str, list[str]]]:
    commands = sorted((n for n in ast.walk(parse(text)) if isinstance(n, ast.Command)), key=lambda c: c.extent.start)
    return [(c.name_text, [e.name for e in c.elements if isinstance(e, ast.CommandParameter)]) for c in commands]


def commands_tree_sitter_finds(tree_sitter_parser: Any, text: str) -> list[tuple[str, list[str]]]:
    tree = tree_sitter_parser.parse(text.encode("utf-8"))
    assert not tree.root_node.has_error
    found: list[tuple[str, list[str]]] = []

    def visit(node: Any) -> None:
        if node.type == "command":
            name = node.child_by_field_name("command_name")
            elements = node.child_by_field_name("command_elements")
            parameters = [
                c.text.decode().lstrip("-").rstrip(":")
                for c in (elements.children if elements else [])
                if c.type == "command_parameter"
            ]
            found.append((name.text.decode() if name else "", parameters))
        for child in node.children:
            visit(child)

    visit(tree.root_node)
    return found


@pytest.mark.parametrize("text", ORACLE_LINES)
def test_same_commands_and_parameters_as_tree_sitter(tree_sitter_parser: Any, text: str) -> None:
    assert commands_found(text) == commands_tree_sitter_finds(tree_sitter_parser, text)


@pytest.mark.parametrize(
    "path", sorted(p for p in CORPUS.glob("*.ps1") if p.read_text(encoding="utf-8").isascii()), ids=lambda p: p.name
)
def test_ascii_corpus_agrees_with_tree_sitter(tree_sitter_parser: Any, path: Path) -> None:
    """Only ASCII scripts: tree-sitter silently mis-reads typographic quotes and dashes."""
    text = path.read_text(encoding="utf-8")
    assert commands_found(text) == commands_tree_sitter_finds(tree_sitter_parser, text)
