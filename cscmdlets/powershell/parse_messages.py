"""The parser's error catalogue: every parse error cscmdlets reports, with PowerShell's error id
and message text (ParserStrings.resx in PowerShell/PowerShell, src/System.Management.Automation/resources/).
A text PowerShell's sources were not checked for is marked ``inferred``.

The parser raises ``self.error(messages.MISSING_END_CURLY_BRACE, start)``; a message with
``{0}`` is a template and takes its values through :meth:`ParseMessage.format`.
"""

from __future__ import annotations

from typing import NamedTuple


class ParseMessage(NamedTuple):
    """One parse error: PowerShell's error id and its message (a template when it has ``{0}``)."""

    error_id: str
    message: str

    def format(self, *values: object) -> ParseMessage:
        return ParseMessage(self.error_id, self.message.format(*values))


AMPERSAND_NOT_ALLOWED = ParseMessage(
    "AmpersandNotAllowed",
    "The ampersand (&) character is not allowed. The & operator is reserved for future use; wrap an "
    'ampersand in double quotation marks ("&") to pass it as part of a string.',
)
BAD_NUMERIC_CONSTANT = ParseMessage("BadNumericConstant", "The numeric constant {0} is not valid.")
CONFIGURATION_NAME_MISSING = ParseMessage(
    "ConfigurationNameMissing", "Missing configuration name after Configuration keyword."
)  # inferred
EMPTY_PIPELINE_CHAIN_ELEMENT = ParseMessage(
    "EmptyPipelineChainElement", "A pipeline chain operator must be followed by a pipeline."
)
EMPTY_PIPE_ELEMENT = ParseMessage("EmptyPipeElement", "An empty pipe element is not allowed.")
END_SQUARE_BRACKET_EXPECTED_AT_END_OF_ATTRIBUTE = ParseMessage(
    "EndSquareBracketExpectedAtEndOfAttribute", "Missing ] at end of attribute or type literal."
)
EXPECTED_EXPRESSION = ParseMessage("ExpectedExpression", "An expression was expected after '('.")
EXPECTED_VALUE_EXPRESSION = ParseMessage(
    "ExpectedValueExpression", "You must provide a value expression following the '{0}' operator."
)
EXPRESSIONS_MUST_BE_FIRST_IN_PIPELINE = ParseMessage(
    "ExpressionsMustBeFirstInPipeline", "Expressions are only allowed as the first element of a pipeline."
)
INVALID_FUNCTION_PARAMETER = ParseMessage(
    "InvalidFunctionParameter", "Missing variable name in parameter declaration."
)  # inferred
INVALID_LEFT_HAND_SIDE = ParseMessage(
    "InvalidLeftHandSide",
    "The assignment expression is not valid. The input to an assignment operator must be an object that is "
    "able to accept assignments, such as a variable or a property.",
)
INVALID_UNICODE_ESCAPE_SEQUENCE = ParseMessage(
    "InvalidUnicodeEscapeSequence",
    "The Unicode escape sequence is not valid. "
    "A valid sequence is `u{ followed by 1 to 6 hex digits and a closing '}'.",
)
INVALID_VARIABLE_REFERENCE = ParseMessage(
    "InvalidVariableReference",
    "Variable reference is not valid. '$' was not followed by a valid variable name character. "
    "Consider using ${} to delimit the name.",
)
INVALID_VARIABLE_REFERENCE_WITH_DRIVE = ParseMessage(
    "InvalidVariableReferenceWithDrive",
    "Variable reference is not valid. ':' was not followed by a valid variable name character. "
    "Consider using ${} to delimit the name.",
)
MISSING_ARRAY_INDEX_EXPRESSION = ParseMessage(
    "MissingArrayIndexExpression", "Array index expression is missing or not valid."
)
MISSING_COLON_IN_TERNARY_EXPRESSION = ParseMessage(
    "MissingColonInTernaryExpression", "Missing ':' in the ternary expression."
)
MISSING_CATCH_OR_FINALLY = ParseMessage(
    "MissingCatchOrFinally", "The Try statement is missing its Catch or Finally block."
)
MISSING_CONFIGURATION_STATEMENT_BLOCK = ParseMessage(
    "MissingConfigurationStatementBlock", "Missing statement block after configuration name."
)  # inferred
MISSING_END_CURLY_BRACE = ParseMessage(
    "MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition."
)
MISSING_END_CURLY_BRACE_IN_HASH_LITERAL = ParseMessage("MissingEndCurlyBrace", "Missing closing '}' in hash literal.")
MISSING_END_PARENTHESIS_IN_EXPRESSION = ParseMessage(
    "MissingEndParenthesisInExpression", "Missing closing ')' in expression."
)
MISSING_END_PARENTHESIS_IN_METHOD_CALL = ParseMessage(
    "MissingEndParenthesisInMethodCall", "Missing ')' in method call."
)
MISSING_EQUALS_IN_HASH_LITERAL = ParseMessage(
    "MissingEqualsInHashLiteral", "Missing '=' operator after key in hash literal."
)
MISSING_EXPRESSION_AFTER_OPERATOR = ParseMessage(
    "MissingExpressionAfterOperator", "Missing expression after unary operator '{0}'."
)
MISSING_ARGUMENT_AFTER_COMMA = ParseMessage("MissingExpressionAfterToken", "Missing argument in parameter list.")
MISSING_ITEM_AFTER_COMMA = ParseMessage("MissingExpressionAfterToken", "Missing expression after ','.")  # inferred
MISSING_FILE_SPECIFICATION = ParseMessage(
    "MissingFileSpecification", "Missing file specification after redirection operator."
)
MISSING_FOREACH_EXPRESSION = ParseMessage("MissingForeachExpression", "Missing foreach loop pipeline.")  # inferred
MISSING_FUNCTION_BODY = ParseMessage("MissingFunctionBody", "Missing function body in function declaration.")
MISSING_IN_IN_FOREACH = ParseMessage("MissingInInForeach", "Missing 'in' after variable in foreach loop.")
MISSING_KEY_IN_HASH_LITERAL = ParseMessage(
    "MissingKeyInHashLiteral", "Missing key before '=' in hash literal."
)  # inferred
MISSING_NAME_AFTER_KEYWORD = ParseMessage("MissingNameAfterKeyword", "Missing name after function keyword.")  # inferred
MISSING_OPEN_PARENTHESIS_IN_IF_STATEMENT = ParseMessage(
    "MissingOpenParenthesisInIfStatement", "Missing '(' after '{0}' in if statement."
)
MISSING_PROPERTY_NAME = ParseMessage("MissingPropertyName", "Missing property name after reference operator.")
MISSING_STATEMENT_IN_HASH_LITERAL = ParseMessage(
    "MissingStatementInHashLiteral", "Missing statement after '=' in hash literal."
)
MISSING_TERMINATOR_MULTI_LINE_COMMENT = ParseMessage(
    "MissingTerminatorMultiLineComment", "The comment is missing the terminator: #>."
)  # inferred
MISSING_TYPENAME = ParseMessage("MissingTypename", "Missing type name after '['.")
MISSING_VARIABLE_NAME_AFTER_FOREACH = ParseMessage(
    "MissingVariableNameAfterForeach", "Missing variable name after foreach."
)
MISSING_WHILE_OR_UNTIL_IN_DO_WHILE = ParseMessage(
    "MissingWhileOrUntilInDoWhile", "Missing while or until keyword in do loop."
)
PARAMETER_REQUIRES_ARGUMENT = ParseMessage("ParameterRequiresArgument", "The parameter '{0}' requires an argument.")
REDIRECTION_NOT_SUPPORTED = ParseMessage("RedirectionNotSupported", "The '<' operator is reserved for future use.")
PARAMETER_CANNOT_HAVE_ARGUMENT = ParseMessage("ParameterCannotHaveArgument", "Parameter {0} cannot have an argument.")
REQUIRES_ARGUMENT_MUST_BE_CONSTANT = ParseMessage("RequiresArgumentMustBeConstant", "Argument must be constant.")
REQUIRES_PARAMETER_REQUIRES_ARGUMENT = ParseMessage("ParameterRequiresArgument", "Parameter {0} requires an argument.")
REQUIRES_VERSION_INVALID = ParseMessage(
    "RequiresVersionInvalid",
    "The argument for the Version parameter is not valid. "
    "Specify a valid PowerShell version, in the format major.minor version.",
)
#: PowerShell's text goes on to list the valid forms of #Requires; only its first sentence is quoted here.
SCRIPT_REQUIRES_INVALID_FORMAT = ParseMessage(
    "ScriptRequiresInvalidFormat", "Cannot process the #requires statement because it is not in the correct format."
)
SCRIPT_TOO_COMPLEX = ParseMessage("ScriptTooComplex", "The script is nested too deeply to parse.")  # inferred
STREAM_ALREADY_REDIRECTED = ParseMessage(
    "StreamAlreadyRedirected", "The {0} stream for this command is already redirected."
)
UNTERMINATED_HERE_STRING = ParseMessage(
    "TerminatorExpectedAtEndOfString", "The string is missing the terminator: {0}@."
)
UNTERMINATED_DOUBLE_QUOTED_STRING = ParseMessage(
    "TerminatorExpectedAtEndOfString", 'The string is missing the terminator: ".'
)
UNTERMINATED_SINGLE_QUOTED_STRING = ParseMessage(
    "TerminatorExpectedAtEndOfString", "The string is missing the terminator: '."
)
UNEXPECTED_CHARACTERS_AFTER_HERE_STRING_HEADER = ParseMessage(
    "UnexpectedCharactersAfterHereStringHeader",
    "No characters are allowed after a here-string header but before the end of the line.",
)
UNEXPECTED_TOKEN = ParseMessage("UnexpectedToken", "Unexpected token '{0}' in expression or statement.")
UNSUPPORTED_STATEMENT = ParseMessage(
    "UnsupportedStatement", "The '{0}' statement is not supported by cscmdlets scripts."
)
UNSUPPORTED_STOP_PARSING = ParseMessage(
    "UnsupportedStatement", "Stop-parsing (--%) is not supported by cscmdlets scripts."
)
UNSUPPORTED_SWITCH_OPTION = ParseMessage(
    "UnsupportedStatement", "The switch option '-{0}' is not supported by cscmdlets scripts."
)
MISSING_CATCH_HANDLER_BLOCK = ParseMessage(
    "MissingCatchHandlerBlock", "Missing statement block after 'catch'."
)  # inferred
MISSING_FILENAME_OPTION = ParseMessage("MissingFilenameOption", "Missing file name after '-file'.")  # inferred
MISSING_TRAP_STATEMENT = ParseMessage("MissingTrapStatement", "Missing statement block in trap statement.")  # inferred
MISSING_CURLY_BRACE_IN_SWITCH_STATEMENT = ParseMessage(
    "MissingCurlyBraceInSwitchStatement", "Missing '{' in switch statement."
)
MISSING_END_PARENTHESIS_AFTER_FOREACH = ParseMessage(
    "MissingEndParenthesisAfterForeach", "Missing closing ')' after expression in 'foreach' statement."
)
MISSING_END_PARENTHESIS_IN_FUNCTION_PARAMETER_LIST = ParseMessage(
    "MissingEndParenthesisInFunctionParameterList", "Missing ')' in function parameter list."
)
MISSING_END_PARENTHESIS_IN_SUBEXPRESSION = ParseMessage(
    "MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression."
)
MISSING_END_SQUARE_BRACKET = ParseMessage("MissingEndSquareBracket", "Missing ']' after array index expression.")
MISSING_FINALLY_STATEMENT_BLOCK = ParseMessage(
    "MissingFinallyStatementBlock", "Missing statement block after 'finally'."
)  # inferred
MISSING_FOREACH_STATEMENT = ParseMessage("MissingForeachStatement", "Missing statement body in foreach loop.")
MISSING_LOOP_STATEMENT = ParseMessage("MissingLoopStatement", "Missing statement body in {0} loop.")
MISSING_NAMED_STATEMENT_BLOCK = ParseMessage(
    "MissingNamedStatementBlock", "Missing statement block after '{0}'."
)  # inferred
MISSING_OPEN_PARENTHESIS_AFTER_KEYWORD = ParseMessage(
    "MissingOpenParenthesisAfterKeyword", "Missing opening '(' after keyword '{0}'."
)
MISSING_OPEN_PARENTHESIS_AFTER_PARAM = ParseMessage(
    "MissingOpenParenthesisAfterParam", "Missing '(' after 'param'."
)  # inferred
MISSING_STATEMENT_BLOCK = ParseMessage("MissingStatementBlock", "Missing statement block after {0} ( condition ).")
MISSING_STATEMENT_BLOCK_AFTER_ELSE = ParseMessage(
    "MissingStatementBlockAfterElse", "Missing statement block after 'else' keyword."
)
MISSING_SWITCH_STATEMENT_CLAUSE = ParseMessage(
    "MissingSwitchStatementClause", "Missing statement block in switch statement clause."
)
MISSING_TRY_STATEMENT_BLOCK = ParseMessage(
    "MissingTryStatementBlock", "Missing statement block after 'try'."
)  # inferred
MISSING_END_PARENTHESIS_AFTER_STATEMENT = ParseMessage(
    "MissingEndParenthesisAfterStatement", "Missing closing ')' after expression in '{0}' statement."
)
MISSING_END_PARENTHESIS_AFTER_FOR = ParseMessage(
    "MissingEndParenthesisAfterFor", "Missing closing ')' after expression in 'for' statement."
)  # inferred
MISSING_SEMICOLON_IN_FOR = ParseMessage("MissingSemicolonInFor", "Missing ';' in 'for' statement.")  # inferred
MISSING_EXPRESSION_AFTER_COMMA = ParseMessage("MissingExpression", "Missing expression after ','.")  # inferred
MISSING_METHOD_ARGUMENT = ParseMessage("MissingExpression", "Missing ')' in method call.")  # inferred


def missing_open_parenthesis(keyword: str) -> ParseMessage:
    """``if x``: ``MissingOpenParenthesisInIfStatement`` and its kin, one per keyword."""
    return ParseMessage(
        f"MissingOpenParenthesisIn{keyword.capitalize()}Statement",
        f"Missing '(' after '{keyword}' in {keyword} statement.",
    )


def missing_condition(keyword: str) -> ParseMessage:
    """``if ()``: ``IfStatementMissingCondition`` and its kin, one per keyword."""
    return ParseMessage(
        f"{keyword.capitalize()}StatementMissingCondition",
        f"Missing condition in {keyword} statement after '{keyword} ('.",
    )
