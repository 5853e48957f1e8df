"""The script-language commands: ForEach-Object, Import-Csv, Write-Host, Select-Object…

Each command has a CommandMetadata, so ``-Prop`` prefixes, positions and switches bind by the
same binder as the cmdlets (spec/powershell.md §A1), and the linter checks them the same way.
Connection and module commands (``Connect-MicrosoftTeams``…) are *lenient*: they take any
arguments and do nothing, because against the emulator the session is already the chosen
tenant (issue 4). ``Invoke-Expression``, external programs and the like are refused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..cmdlets.profiles import MODULES, load_module, module_of
from ..powershell import parser as ast
from ..powershell import types as t
from ..powershell.binder import BoundCommand, NamedArgument, PositionalArgument
from ..powershell.errors import ErrorCategory, NonInteractivePrompt, ScriptRuntimeError
from ..powershell.formatting import format_default, format_list, format_table
from ..powershell.metadata import NOT_GIVEN, CommandMetadata, Parameter
from .errors import RuntimeFailure
from .members import get_member
from .values import (
    PSObject,
    ScriptBlockValue,
    as_list,
    compare,
    convert_to,
    format_date,
    is_true,
    to_number,
    to_string,
)

if TYPE_CHECKING:
    from .runner import Runner

__all__ = ["BUILTINS", "Builtin", "Call", "cli_argument", "function_metadata", "gather_remaining", "redirect"]

Argument = NamedArgument | PositionalArgument


@dataclass
class Call:
    """One builtin invocation: the runner, the bound command (``None`` when lenient), the raw
    arguments, the pipeline input (``None`` when the command is first) and the AST node."""

    runner: Runner
    bound: BoundCommand | None
    arguments: list[Argument]
    input: list[Any] | None
    node: ast.Command

    def get(self, name: str, default: Any = None) -> Any:
        value = self.bound.values.get(name, NOT_GIVEN) if self.bound is not None else NOT_GIVEN
        return default if value is NOT_GIVEN else value

    def switch(self, name: str) -> bool:
        return bool(self.get(name, False))

    def items(self, parameter: str = "InputObject") -> list[Any]:
        """The pipeline input, else the ``-InputObject`` value."""
        if self.input is not None:
            return self.input
        return as_list(self.get(parameter))


Handler = Callable[[Call], list[Any]]


@dataclass(frozen=True)
class Builtin:
    metadata: CommandMetadata
    handler: Handler
    lenient: bool = False
    remaining: bool = False


def _p(
    name: str, ptype: t.ParamType = t.OBJECT, position: int | None = None, *aliases: str, mandatory: bool = False
) -> Parameter:
    return Parameter(name, ptype, position=position, aliases=aliases, mandatory=mandatory)


def _command(name: str, *parameters: Parameter, should_process: bool = False) -> CommandMetadata:
    return CommandMetadata(
        name=name,
        parameters=parameters,
        supports_should_process=should_process,
        implementing_type=f"Microsoft.PowerShell.Commands.{name.replace('-', '')}Command",
    )


# --- output streams --------------------------------------------------------------------------------


def _write_host(call: Call) -> list[Any]:
    separator = to_string(call.get("Separator", " "))
    value = call.get("Object")
    text = separator.join(to_string(v) for v in as_list(value)) if isinstance(value, list) else to_string(value)
    call.runner.write_host(text)
    return []


def _write_output(call: Call) -> list[Any]:
    value = call.get("InputObject", NOT_GIVEN)
    if call.input is not None:
        return list(call.input)
    if value is NOT_GIVEN:
        return []
    return [value] if call.switch("NoEnumerate") else as_list(value)


def _write_warning(call: Call) -> list[Any]:
    assert call.bound is not None
    call.runner.write_warning(to_string(call.get("Message")), call.bound.common.warning_action)
    return []


def _write_verbose(call: Call) -> list[Any]:
    assert call.bound is not None
    call.runner.write_verbose(to_string(call.get("Message")), forced=call.bound.common.verbose)
    return []


class WrittenError(ScriptRuntimeError):
    """``Write-Error "text"`` (FQEID ``Microsoft.PowerShell.Commands.WriteErrorException``)."""

    error_id = "Microsoft.PowerShell.Commands.WriteErrorException"
    category = ErrorCategory.NotSpecified
    exception_type = "Microsoft.PowerShell.Commands.WriteErrorException"


def _write_error(call: Call) -> list[Any]:
    from ..powershell.errors import ErrorRecord

    assert call.bound is not None
    message = call.get("Message", call.get("ErrorRecord"))
    if isinstance(message, ErrorRecord):
        call.runner.write_error(message, call.bound.common.error_action)
        return []
    error = WrittenError(message=to_string(message), target_object=call.get("TargetObject"), command_name="Write-Error")
    if call.get("ErrorId"):
        error.error_id = to_string(call.get("ErrorId"))  # type: ignore[misc]
    error.at(call.runner.source.invocation(call.node.extent, "Write-Error"))
    call.runner.write_error(error.error_record, call.bound.common.error_action)
    return []


def _write_information(call: Call) -> list[Any]:
    call.runner.write_host(to_string(call.get("MessageData")))
    return []


def _nothing(call: Call) -> list[Any]:
    return []


# --- pipeline commands ------------------------------------------------------------------------------


def _block_or_member(value: Any) -> Callable[[Call, Any], list[Any]]:
    if isinstance(value, ScriptBlockValue):
        return lambda call, item: call.runner.run_in_scope(value, item)
    if isinstance(value, str):
        return lambda call, item: as_list(get_member(item, value))
    raise RuntimeFailure(
        "ParameterArgumentTransformationError",
        f"Cannot bind parameter 'Process'. Cannot convert the \"{to_string(value)}\" value of type "
        f'"{type(value).__name__}" to type "System.Management.Automation.ScriptBlock".',
    )


def _foreach_object(call: Call) -> list[Any]:
    out: list[Any] = []
    begin, end = call.get("Begin"), call.get("End")
    process = call.get("Process", call.get("MemberName"))
    if isinstance(begin, ScriptBlockValue):
        out.extend(call.runner.run_in_scope(begin, None))
    step = _block_or_member(process) if process is not None else None
    for item in call.items():
        if step is not None:
            out.extend(step(call, item))
    if isinstance(end, ScriptBlockValue):
        out.extend(call.runner.run_in_scope(end, None))
    return out


_WHERE_OPERATORS = (
    "EQ",
    "NE",
    "GT",
    "GE",
    "LT",
    "LE",
    "Like",
    "NotLike",
    "Match",
    "NotMatch",
    "Contains",
    "NotContains",
    "In",
    "NotIn",
    "CEQ",
    "CNE",
    "CLike",
    "CMatch",
)


def _where_object(call: Call) -> list[Any]:
    script = call.get("FilterScript")
    prop = call.get("Property")
    if isinstance(prop, ScriptBlockValue):
        script, prop = prop, None
    if isinstance(script, ScriptBlockValue):
        return [item for item in call.items() if is_true(call.runner.run_in_scope(script, item))]
    operator = next((op for op in _WHERE_OPERATORS if call.switch(op)), None)
    name = to_string(prop)
    if operator is None:
        return [item for item in call.items() if is_true(get_member(item, name))]
    value = call.get("Value")
    return [item for item in call.items() if is_true(compare(operator.lower(), get_member(item, name), value))]


def _property_spec(spec: Any) -> tuple[str, Callable[[Any], Any]]:
    """A Select-Object property: a name, or ``@{Name=…; Expression={…}}`` (calculated)."""
    if isinstance(spec, dict):
        name = next((to_string(v) for k, v in spec.items() if to_string(k).lower() in ("name", "n", "label", "l")), "")
        expression = next((v for k, v in spec.items() if to_string(k).lower() in ("expression", "e")), None)
        if isinstance(expression, ScriptBlockValue):
            block = expression
            return name, lambda item: _single(block.invoke(item))
        return name, lambda item: get_member(item, to_string(expression))
    text = to_string(spec)
    return text, lambda item: get_member(item, text)


def _single(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else (values or None)


def _property_names(item: Any) -> list[str]:
    to_ps = getattr(item, "to_ps", None)
    if callable(to_ps):
        return list(to_ps().keys())
    return list(item.keys()) if isinstance(item, dict) else []


def _select_one(item: Any, specs: list[Any], exclude: list[str]) -> PSObject:
    fields: list[tuple[str, Any]] = []
    for spec in specs:
        if spec == "*":
            fields.extend((n, get_member(item, n)) for n in _property_names(item))
            continue
        if isinstance(spec, str) and any(c in spec for c in "*?"):
            from .values import wildcard

            pattern = wildcard(spec)
            fields.extend((n, get_member(item, n)) for n in _property_names(item) if pattern.match(n))
            continue
        name, getter = _property_spec(spec)
        fields.append((name, getter(item)))
    names = [getattr(item, "ps_type_names", ("System.Object",))[0]]
    return PSObject([f for f in fields if f[0].lower() not in exclude], tuple(f"Selected.{n}" for n in names))


def _select_object(call: Call) -> list[Any]:
    items = call.items()
    if call.switch("Unique"):
        items = _unique(items)
    skip = int(call.get("Skip", 0))
    items = items[skip:]
    if call.get("First") is not None:
        items = items[: int(call.get("First"))]
    if call.get("Last") is not None:
        items = items[-int(call.get("Last")) :] if int(call.get("Last")) else []
    expand = call.get("ExpandProperty")
    if expand is not None:
        return [v for item in items for v in as_list(get_member(item, to_string(expand)))]
    specs = as_list(call.get("Property"))
    if not specs:
        return items
    exclude = [to_string(e).lower() for e in as_list(call.get("ExcludeProperty"))]
    return [_select_one(item, specs, exclude) for item in items]


def _unique(items: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for item in items:
        if not any(compare("eq", item, other) is True for other in seen):
            seen.append(item)
    return seen


def _sort_key(specs: list[Any]) -> Callable[[Any], tuple[Any, ...]]:
    getters = [_property_spec(spec)[1] for spec in specs] or [lambda item: item]

    def key(item: Any) -> tuple[Any, ...]:
        return tuple(_comparable(getter(item)) for getter in getters)

    return key


def _comparable(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, "")
    if isinstance(value, bool | int | float):
        return (1, value)
    return (2, to_string(value).lower())


def _sort_object(call: Call) -> list[Any]:
    items = sorted(call.items(), key=_sort_key(as_list(call.get("Property"))), reverse=call.switch("Descending"))
    return _unique(items) if call.switch("Unique") else items


def _measure_object(call: Call) -> list[Any]:
    items = call.items()
    prop = call.get("Property")
    values = [get_member(i, to_string(prop)) for i in items] if prop is not None else items
    numbers = (
        [to_number(v) for v in values if v is not None]
        if any(call.switch(s) for s in ("Sum", "Average", "Maximum", "Minimum"))
        else []
    )
    fields = [
        ("Count", len(values)),
        ("Average", sum(numbers) / len(numbers) if call.switch("Average") and numbers else None),
        ("Sum", sum(numbers) if call.switch("Sum") else None),
        ("Maximum", max(numbers) if call.switch("Maximum") and numbers else None),
        ("Minimum", min(numbers) if call.switch("Minimum") and numbers else None),
        ("Property", to_string(prop) if prop is not None else None),
    ]
    return [PSObject(fields, ("Microsoft.PowerShell.Commands.GenericMeasureInfo",))]


def _group_object(call: Call) -> list[Any]:
    specs = as_list(call.get("Property"))
    key = _sort_key(specs)
    groups: dict[Any, list[Any]] = {}
    names: dict[Any, str] = {}
    for item in call.items():
        k = key(item)
        groups.setdefault(k, []).append(item)
        names.setdefault(
            k, ", ".join(to_string(_property_spec(s)[1](item)) for s in specs) if specs else to_string(item)
        )
    return [
        PSObject([("Count", len(v)), ("Name", names[k]), ("Group", v)], ("Microsoft.PowerShell.Commands.GroupInfo",))
        for k, v in groups.items()
    ]


def _selected(call: Call) -> tuple[list[Any], list[str] | None]:
    specs = as_list(call.get("Property"))
    items = call.items()
    if not specs:
        return items, None
    return [_select_one(i, specs, []) for i in items], [_property_spec(s)[0] for s in specs if s != "*"] or None


def _format_table(call: Call) -> list[Any]:
    items, columns = _selected(call)
    return [format_table(items, columns)] if items else []


def _format_list(call: Call) -> list[Any]:
    items, columns = _selected(call)
    return [format_list(items, columns)] if items else []


def _out_string(call: Call) -> list[Any]:
    return [render(call.items()) + "\n"]


def render(items: Sequence[Any]) -> str:
    """What Out-Default/Out-File print for objects: strings as-is, objects as tables/lists."""
    return format_default(items) if items else ""


def _out_host(call: Call) -> list[Any]:
    text = render(call.items())
    for line in text.splitlines():
        call.runner.write_host(line)
    return []


# --- files ---------------------------------------------------------------------------------------


def _path(call: Call, name: str = "Path") -> str:
    value = call.get(name) or call.get("LiteralPath")
    return to_string(value)


class PathNotFound(ScriptRuntimeError):
    error_id = "PathNotFound"
    category = ErrorCategory.ObjectNotFound
    exception_type = "System.Management.Automation.ItemNotFoundException"


def _read_text(call: Call, path: str) -> str:
    resolved = call.runner.resolve_path(path)
    try:
        return resolved.read_text(encoding="utf-8-sig")
    except OSError:
        error = PathNotFound(
            message=f"Cannot find path '{resolved.absolute()}' because it does not exist.",
            target_object=str(resolved.absolute()),
            implementing_type=call.bound.metadata.implementing_type if call.bound else "",
        )
        error.for_command(call.node.name_text, error.implementing_type)
        raise error from None


def _import_csv(call: Call) -> list[Any]:
    text = _read_text(call, _path(call))
    delimiter = to_string(call.get("Delimiter", ",")) or ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if rows and rows[0] and rows[0][0].startswith("#TYPE"):
        rows = rows[1:]
    header = [to_string(h) for h in as_list(call.get("Header"))] or (rows.pop(0) if rows else [])
    return [
        PSObject(zip(header, row + [None] * (len(header) - len(row)), strict=False))
        for row in rows
        if any(cell.strip() for cell in row)
    ]


def _csv_lines(items: list[Any], delimiter: str, header: bool) -> list[str]:
    if not items:
        return []
    names = _property_names(items[0]) or ["Length"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\n")
    if header:
        writer.writerow(names)
    for item in items:
        writer.writerow([_csv_cell(get_member(item, n)) for n in names])
    return buffer.getvalue().splitlines()


def _csv_cell(value: Any) -> str:
    if isinstance(value, list):
        return "System.Object[]"
    return to_string(value)


def _export_csv(call: Call) -> list[Any]:
    path = _path(call)
    if _what_if(call, "Export-Csv", path):
        return []
    resolved = call.runner.resolve_path(path)
    append = call.switch("Append") and resolved.exists()
    lines = _csv_lines(call.items(), to_string(call.get("Delimiter", ",")) or ",", header=not append)
    with resolved.open("a" if append else "w", encoding="utf-8") as handle:
        handle.writelines(line + "\n" for line in lines)
    return []


def _convert_to_csv(call: Call) -> list[Any]:
    return list(_csv_lines(call.items(), to_string(call.get("Delimiter", ",")) or ",", header=True))


def _what_if(call: Call, action: str, target: str) -> bool:
    assert call.bound is not None
    wanted = call.bound.common.what_if
    if wanted is None:
        wanted = call.runner.what_if or is_true(call.runner.get_variable("WhatIfPreference"))
    if wanted:
        call.runner.write_host(f'What if: Performing the operation "{action}" on target "{target}".')
    return bool(wanted)


def _get_content(call: Call) -> list[Any]:
    text = _read_text(call, _path(call))
    if call.switch("Raw"):
        return [text]
    lines = text.splitlines()
    if call.get("TotalCount") is not None:
        lines = lines[: int(call.get("TotalCount"))]
    if call.get("Tail") is not None:
        lines = lines[-int(call.get("Tail")) :]
    return list(lines)


def _write_file(call: Call, path: str, text: str, *, append: bool, action: str) -> None:
    if _what_if(call, action, path):
        return
    resolved = call.runner.resolve_path(path)
    with resolved.open("a" if append else "w", encoding="utf-8") as handle:
        handle.write(text)


def _set_content(call: Call, *, append: bool = False) -> list[Any]:
    values = call.input if call.input is not None else as_list(call.get("Value"))
    text = "".join(to_string(v) + ("" if call.switch("NoNewline") else "\n") for v in values)
    _write_file(call, _path(call), text, append=append, action="Add Content" if append else "Set Content")
    return []


def _out_file(call: Call) -> list[Any]:
    items = call.items()
    text = "\n".join(to_string(i) for i in items) if all(isinstance(i, str) for i in items) else render(items)
    _write_file(call, _path(call, "FilePath"), text + "\n", append=call.switch("Append"), action="Output to File")
    return []


def _test_path(call: Call) -> list[Any]:
    return [call.runner.resolve_path(_path(call)).exists()]


def _join_path(call: Call) -> list[Any]:
    parent, child = to_string(call.get("Path")), to_string(call.get("ChildPath"))
    separator = "\\" if "\\" in parent else "/"
    return [parent.rstrip("\\/") + separator + child.lstrip("\\/")]


def _split_path(call: Call) -> list[Any]:
    path = to_string(call.get("Path"))
    parts = re.split(r"[\\/]", path)
    return [parts[-1]] if call.switch("Leaf") else [path[: max(len(path) - len(parts[-1]) - 1, 0)]]


# --- values and the host --------------------------------------------------------------------------


def _get_date(call: Call) -> list[Any]:
    value = call.get("Date")
    moment = convert_to(value, "datetime") if value is not None else call.runner.now()
    form = call.get("Format")
    return [format_date(moment, to_string(form)) if form is not None else moment]


def _start_sleep(call: Call) -> list[Any]:
    return []  # the emulator does not wait: nothing it talks to is eventually consistent


def _read_host(call: Call) -> list[Any]:
    answer = call.runner.read_answer()
    if answer is None:
        raise NonInteractivePrompt(command_name="Read-Host")
    prompt = call.get("Prompt")
    if prompt is not None:
        call.runner.write_host(f"{to_string(prompt)}: {answer}")
    return [answer]


_CREDENTIAL = "System.Management.Automation.PSCredential"


def _new_object(call: Call) -> list[Any]:
    name = to_string(call.get("TypeName")).lower().removeprefix("system.")
    args = as_list(call.get("ArgumentList"))
    if name in ("psobject", "object", "management.automation.psobject"):
        props = call.get("Property") or {}
        return [PSObject((to_string(k), v) for k, v in props.items())]
    if name.startswith(("collections.arraylist", "collections.generic.list")):
        return [[]]
    if name in ("collections.hashtable",):
        from .values import Hashtable

        return [Hashtable()]
    if name == "management.automation.pscredential":
        return [
            PSObject(
                [("UserName", to_string(args[0]) if args else ""), ("Password", args[1] if len(args) > 1 else None)],
                (_CREDENTIAL,),
            )
        ]
    from .errors import NotSupported

    raise NotSupported(f"New-Object {to_string(call.get('TypeName'))}")


def _secure_string(call: Call) -> list[Any]:
    return [PSObject([("Length", len(to_string(call.get("String"))))], ("System.Security.SecureString",))]


def _get_credential(call: Call) -> list[Any]:
    user = call.get("UserName", call.get("Credential"))
    return [
        PSObject([("UserName", to_string(user) if user is not None else "admin"), ("Password", None)], (_CREDENTIAL,))
    ]


def _connected(call: Call) -> list[Any]:
    """Connection and module commands: against the emulator the session is already the tenant.
    ``Import-Module X`` and ``New-CsOnlineSession`` choose the module generation (cmdlets.profiles)."""
    lowered = call.node.name_text.lower()
    if lowered == "import-module":
        load_module(call.runner.engine, _module_names(call))
    if lowered == "new-csonlinesession":
        load_module(call.runner.engine, ["SkypeOnlineConnector"])
        return [
            PSObject(
                [("Id", 1), ("Name", "cscmdlets"), ("State", "Opened")],
                ("System.Management.Automation.Runspaces.PSSession",),
            )
        ]
    return []


def _module_names(call: Call) -> list[str]:
    """Import-Module's module names: positional values and -Name, strings or arrays."""
    values = [a.value for a in call.arguments if isinstance(a, PositionalArgument)]
    values += [a.value for a in call.arguments if isinstance(a, NamedArgument) and "name".startswith(a.name.lower())]
    return [t.ps_string(v) for value in values for v in (value if isinstance(value, list) else [value])]


def _get_module(call: Call) -> list[Any]:
    """Get-Module: the loaded module generation; -ListAvailable: both."""
    module = module_of(call.runner.engine)
    if call.get("ListAvailable", False):
        return [profile.info() for profile in dict.fromkeys(MODULES.values())]
    return [] if module is None else [module.info()]


# --- the table ---------------------------------------------------------------------------------------

_COMMANDS: tuple[tuple[CommandMetadata, Handler], ...] = (
    (
        _command(
            "Write-Host",
            _p("Object", t.OBJECT, 0),
            _p("NoNewline", t.SWITCH),
            _p("Separator"),
            _p("ForegroundColor", t.STRING),
            _p("BackgroundColor", t.STRING),
        ),
        _write_host,
    ),
    (_command("Write-Output", _p("InputObject", t.OBJECT, 0), _p("NoEnumerate", t.SWITCH)), _write_output),
    (_command("Write-Warning", _p("Message", t.STRING, 0, "Msg", mandatory=True)), _write_warning),
    (_command("Write-Verbose", _p("Message", t.STRING, 0, "Msg", mandatory=True)), _write_verbose),
    (_command("Write-Debug", _p("Message", t.STRING, 0, "Msg")), _nothing),
    (
        _command("Write-Information", _p("MessageData", t.OBJECT, 0, "Msg"), _p("Tags", t.STRING_ARRAY)),
        lambda call: _write_information(call),
    ),
    (
        _command(
            "Write-Progress",
            _p("Activity", t.STRING, 0),
            _p("Status", t.STRING, 1),
            _p("Id", t.INT32),
            _p("PercentComplete", t.INT32),
            _p("CurrentOperation", t.STRING),
            _p("Completed", t.SWITCH),
            _p("SecondsRemaining", t.INT32),
            _p("ParentId", t.INT32),
        ),
        _nothing,
    ),
    (
        _command(
            "Write-Error",
            _p("Message", t.OBJECT, 0, "Msg"),
            _p("ErrorRecord"),
            _p("Exception"),
            _p("Category", t.STRING),
            _p("ErrorId", t.STRING),
            _p("TargetObject"),
            _p("RecommendedAction", t.STRING),
            _p("CategoryActivity", t.STRING),
            _p("CategoryReason", t.STRING),
            _p("CategoryTargetName", t.STRING),
            _p("CategoryTargetType", t.STRING),
        ),
        _write_error,
    ),
    (
        _command(
            "ForEach-Object",
            _p("Process", t.OBJECT, 0),
            _p("Begin"),
            _p("End"),
            _p("InputObject"),
            _p("MemberName", t.STRING),
            _p("ArgumentList", t.OBJECT, None, "Args"),
        ),
        _foreach_object,
    ),
    (
        _command(
            "Where-Object",
            _p("Property", t.OBJECT, 0),
            _p("Value", t.OBJECT, 1),
            _p("FilterScript"),
            _p("InputObject"),
            *(_p(op, t.SWITCH) for op in _WHERE_OPERATORS),
            _p("Not", t.SWITCH),
        ),
        _where_object,
    ),
    (
        _command(
            "Select-Object",
            _p("Property", t.OBJECT, 0),
            _p("ExpandProperty", t.STRING),
            _p("ExcludeProperty"),
            _p("First", t.INT32),
            _p("Last", t.INT32),
            _p("Skip", t.INT32),
            _p("Unique", t.SWITCH),
            _p("InputObject"),
        ),
        _select_object,
    ),
    (
        _command(
            "Sort-Object",
            _p("Property", t.OBJECT, 0),
            _p("Descending", t.SWITCH),
            _p("Unique", t.SWITCH),
            _p("InputObject"),
            _p("CaseSensitive", t.SWITCH),
        ),
        _sort_object,
    ),
    (
        _command(
            "Measure-Object",
            _p("Property", t.OBJECT, 0),
            _p("Sum", t.SWITCH),
            _p("Average", t.SWITCH),
            _p("Maximum", t.SWITCH),
            _p("Minimum", t.SWITCH),
            _p("InputObject"),
        ),
        _measure_object,
    ),
    (
        _command("Group-Object", _p("Property", t.OBJECT, 0), _p("NoElement", t.SWITCH), _p("InputObject")),
        _group_object,
    ),
    (
        _command(
            "Format-Table",
            _p("Property", t.OBJECT, 0),
            _p("AutoSize", t.SWITCH),
            _p("Wrap", t.SWITCH),
            _p("HideTableHeaders", t.SWITCH),
            _p("InputObject"),
        ),
        _format_table,
    ),
    (_command("Format-List", _p("Property", t.OBJECT, 0), _p("InputObject")), _format_list),
    (_command("Out-String", _p("InputObject"), _p("Width", t.INT32), _p("Stream", t.SWITCH)), _out_string),
    (_command("Out-Null", _p("InputObject")), _nothing),
    (_command("Out-Host", _p("InputObject"), _p("Paging", t.SWITCH)), _out_host),
    (_command("Out-GridView", _p("InputObject"), _p("Title", t.STRING), _p("PassThru", t.SWITCH)), _out_host),
    (
        _command(
            "Import-Csv",
            _p("Path", t.STRING, 0),
            _p("LiteralPath", t.STRING, None, "PSPath", "LP"),
            _p("Delimiter", t.STRING, 1),
            _p("Header", t.STRING_ARRAY),
            _p("Encoding", t.STRING),
            _p("UseCulture", t.SWITCH),
        ),
        _import_csv,
    ),
    (
        _command(
            "Export-Csv",
            _p("Path", t.STRING, 0),
            _p("LiteralPath", t.STRING, None, "PSPath", "LP"),
            _p("Delimiter", t.STRING, 1),
            _p("NoTypeInformation", t.SWITCH, None, "NTI"),
            _p("IncludeTypeInformation", t.SWITCH, None, "ITI"),
            _p("Append", t.SWITCH),
            _p("Force", t.SWITCH),
            _p("NoClobber", t.SWITCH),
            _p("Encoding", t.STRING),
            _p("UseQuotes", t.STRING),
            _p("UseCulture", t.SWITCH),
            _p("InputObject"),
            should_process=True,
        ),
        _export_csv,
    ),
    (
        _command(
            "ConvertTo-Csv",
            _p("InputObject", t.OBJECT, 0),
            _p("NoTypeInformation", t.SWITCH, None, "NTI"),
            _p("Delimiter", t.STRING, 1),
        ),
        _convert_to_csv,
    ),
    (
        _command(
            "Get-Content",
            _p("Path", t.STRING, 0),
            _p("LiteralPath", t.STRING, None, "PSPath", "LP"),
            _p("Raw", t.SWITCH),
            _p("TotalCount", t.INT32, None, "First", "Head"),
            _p("Tail", t.INT32, None, "Last"),
            _p("Encoding", t.STRING),
        ),
        _get_content,
    ),
    (
        _command(
            "Set-Content",
            _p("Path", t.STRING, 0),
            _p("Value", t.OBJECT, 1),
            _p("Encoding", t.STRING),
            _p("Force", t.SWITCH),
            _p("NoNewline", t.SWITCH),
            should_process=True,
        ),
        _set_content,
    ),
    (
        _command(
            "Add-Content",
            _p("Path", t.STRING, 0),
            _p("Value", t.OBJECT, 1),
            _p("Encoding", t.STRING),
            _p("Force", t.SWITCH),
            _p("NoNewline", t.SWITCH),
            should_process=True,
        ),
        lambda call: _set_content(call, append=True),
    ),
    (
        _command(
            "Out-File",
            _p("FilePath", t.STRING, 0, "Path"),
            _p("Encoding", t.STRING, 1),
            _p("Append", t.SWITCH),
            _p("Force", t.SWITCH),
            _p("NoClobber", t.SWITCH),
            _p("Width", t.INT32),
            _p("NoNewline", t.SWITCH),
            _p("InputObject"),
            should_process=True,
        ),
        _out_file,
    ),
    (_command("Test-Path", _p("Path", t.STRING, 0), _p("PathType", t.STRING), _p("LiteralPath", t.STRING)), _test_path),
    (_command("Join-Path", _p("Path", t.STRING, 0), _p("ChildPath", t.STRING, 1)), _join_path),
    (_command("Split-Path", _p("Path", t.STRING, 0), _p("Leaf", t.SWITCH), _p("Parent", t.SWITCH)), _split_path),
    (_command("Get-Date", _p("Date", t.OBJECT, 0), _p("Format", t.STRING), _p("UFormat", t.STRING)), _get_date),
    (_command("Start-Sleep", _p("Seconds", t.OBJECT, 0, "s"), _p("Milliseconds", t.INT32, None, "ms")), _start_sleep),
    (
        _command("Read-Host", _p("Prompt", t.OBJECT, 0), _p("AsSecureString", t.SWITCH), _p("MaskInput", t.SWITCH)),
        _read_host,
    ),
    (
        _command(
            "New-Object",
            _p("TypeName", t.STRING, 0),
            _p("ArgumentList", t.OBJECT, 1, "Args"),
            _p("Property"),
            _p("ComObject", t.STRING),
        ),
        _new_object,
    ),
    (
        _command(
            "ConvertTo-SecureString",
            _p("String", t.STRING, 0),
            _p("AsPlainText", t.SWITCH),
            _p("Force", t.SWITCH),
            _p("Key"),
            _p("SecureKey"),
        ),
        _secure_string,
    ),
    (
        _command(
            "Get-Credential",
            _p("Credential", t.OBJECT, 0),
            _p("UserName", t.STRING),
            _p("Message", t.STRING),
            _p("Title", t.STRING),
        ),
        _get_credential,
    ),
    (_command("Clear-Host"), _nothing),
    (
        _command("Get-Module", _p("Name", t.STRING_ARRAY, 0), _p("ListAvailable", t.SWITCH), _p("All", t.SWITCH)),
        _get_module,
    ),
)

#: Connection, module and session commands: accepted with any arguments, they do nothing (issue 4).
LENIENT = (
    "Import-Module",
    "Connect-MicrosoftTeams",
    "Disconnect-MicrosoftTeams",
    "New-CsOnlineSession",
    "Import-PSSession",
    "Remove-PSSession",
    "Get-PSSession",
    "Start-Transcript",
    "Stop-Transcript",
    "Set-StrictMode",
    "Set-ExecutionPolicy",
    "Connect-MsolService",
    "Connect-AzureAD",
    "Install-Module",
    "Update-Module",
    "Remove-Module",
)

#: Commands that would run code or programs the emulator cannot see into.
REFUSED = (
    "Invoke-Expression",
    "Invoke-Command",
    "Start-Process",
    "Invoke-WebRequest",
    "Invoke-RestMethod",
    "Add-Type",
    "Start-Job",
    "Invoke-Item",
    "Remove-Item",
    "Send-MailMessage",
    "Get-Member",
    "Tee-Object",
)

BUILTINS: dict[str, Builtin] = {
    **{
        metadata.name.lower(): Builtin(metadata, handler, remaining=metadata.name in ("Write-Host", "Write-Output"))
        for metadata, handler in _COMMANDS
    },
    **{name.lower(): Builtin(_command(name), _connected, lenient=True) for name in LENIENT},
}


_REFUSED = frozenset(name.lower() for name in REFUSED)


def _names_program(name: str) -> bool:
    return any(c in name for c in "\\/") or name.lower().endswith((".ps1", ".exe", ".cmd", ".bat"))


def is_refused(lowered: str, name: str) -> bool:
    """Refused commands, and anything that names a program or another script file."""
    return lowered in _REFUSED or _names_program(name)


def refusal(name: str) -> str:
    return f"other scripts or external programs ('{name}')" if _names_program(name) else f"'{name}'"


# --- helpers for the runner ------------------------------------------------------------------------


def gather_remaining(arguments: list[Argument]) -> list[Argument]:
    """Write-Host a b c: several positional values are one ``-Object`` array
    (ValueFromRemainingArguments)."""
    positional = [a for a in arguments if isinstance(a, PositionalArgument)]
    if len(positional) <= 1:
        return arguments
    merged = PositionalArgument([a.value for a in positional], positional[0].where)
    return [a for a in arguments if isinstance(a, NamedArgument)] + [merged]


_TYPES: Mapping[str, t.ParamType] = {
    "string": t.STRING,
    "int": t.INT32,
    "int32": t.INT32,
    "uint32": t.UINT32,
    "bool": t.BOOLEAN,
    "boolean": t.BOOLEAN,
    "switch": t.SWITCH,
    "string[]": t.STRING_ARRAY,
    "guid": t.GUID,
}


def _declared(decl: ast.ParameterDecl, position: int | None) -> Parameter:
    named = {k.lower(): v for a in decl.attributes if a.name.lower() == "parameter" for k, v in a.named}
    explicit = named.get("position")
    if isinstance(explicit, ast.Constant) and isinstance(explicit.value, int):
        position = explicit.value
    ptype = _TYPES.get(decl.type_name.lower().removeprefix("system."), t.OBJECT)
    aliases = tuple(
        to_string(getattr(arg, "value", ""))
        for a in decl.attributes
        if a.name.lower() == "alias"
        for arg in a.positional
    )
    return Parameter(
        decl.name,
        ptype,
        position=None if ptype.is_switch else position,
        mandatory=decl.is_mandatory,
        aliases=aliases,
        from_pipeline_by_property_name="valuefrompipelinebypropertyname" in named,
    )


def function_metadata(node: ast.FunctionDefinition) -> CommandMetadata:
    """A script function's (or the script's own) CommandMetadata from its ``param()`` block:
    parameters are positional in declaration order, as PowerShell's default PositionalBinding."""
    params = node.body.params.parameters if node.body.params else ()
    declared = []
    position = 0
    for decl in params:
        parameter = _declared(decl, position)
        if parameter.position is not None:
            position += 1
        declared.append(parameter)
    return CommandMetadata(name=node.name, parameters=tuple(declared), implementing_type=node.name)


def cli_argument(text: str) -> Argument:
    """One command-line word for a script (``-CsvPath``, ``-Force:$false``, ``users.csv``)."""
    match = re.fullmatch(r"[-\u2013\u2014\u2015]([^\W\d][\w-]*)(?::(.*))?", text)
    if match is None:
        number = re.fullmatch(r"[+-]?\d+", text)
        return PositionalArgument(int(text) if number else text)
    if match.group(2) is None:
        return NamedArgument(match.group(1), NOT_GIVEN, text)
    value: Any = {"$true": True, "$false": False, "$null": None}.get(match.group(2).lower(), match.group(2))
    return NamedArgument(match.group(1), value, text)


def redirect(runner: Runner, redirections: Sequence[ast.Redirection], data: list[Any] | None) -> list[Any]:
    """``> file``/``>> file`` write the output to a file; ``2>&1``/``2>$null`` are accepted."""
    remaining = data or []
    for redirection in redirections:
        if redirection.merge or redirection.stream not in ("1", "*") or redirection.target is None:
            continue
        target = runner.eval(redirection.target)
        if target is None:
            remaining = []
            continue
        items, remaining = remaining, []
        if runner.what_if:
            runner.write_host(f'What if: Performing the operation "Output to File" on target "{to_string(target)}".')
            continue
        text = "\n".join(to_string(i) for i in items) if all(isinstance(i, str) for i in items) else render(items)
        path = runner.resolve_path(to_string(target))
        with path.open("a" if redirection.append else "w", encoding="utf-8") as handle:
            handle.write(text + ("\n" if text else ""))
    return remaining
