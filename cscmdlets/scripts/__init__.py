"""Admin scripts (.ps1): run them, check them, port them to Python.

- :func:`run_script` / :class:`Runner` run a script on an engine (``tenant.engine``) and return
  a :class:`RunResult` (output, error records, host lines, warnings, the ``--what-if`` plan).
- :func:`check_script` reports what real PowerShell would reject, as :class:`Diagnostic` s;
  :func:`fix_script` applies the certain fixes.
- :func:`port_script` turns a script into Python that uses the Pythonic cmdlet functions.

All three read the script with :func:`cscmdlets.powershell.parser.parse` and bind commands
with the same CommandMetadata and binder as every other door (about_Parameters, about_Parameter_Sets),
and all three know the script-language commands from one table, :mod:`.commands`.

Layout: ``values`` (PowerShell values and operators) ← ``members`` (properties, methods, .NET
statics) ← ``builtins`` (the commands' handlers, calling a :class:`~.host.ScriptHost`) ←
``commands`` (the table) ← ``runner``, ``linter``, ``porter``. ``host`` holds the protocol and
the platforms (local folder, sandbox) that all file and ``$env:`` access goes through;
``pipeline`` the stage protocol by which the runner streams objects from command to command.
"""

from __future__ import annotations

from .linter import Diagnostic, check_script, fix_script, write_fixed
from .porter import port_script
from .runner import Runner, RunResult, invoke_line, read_script, run_script

__all__ = [
    "Diagnostic",
    "RunResult",
    "Runner",
    "check_script",
    "fix_script",
    "invoke_line",
    "port_script",
    "read_script",
    "run_script",
    "write_fixed",
]
