"""Typed .NET arrays: ``string[]`` and ``int[]`` are lists that know their element type.

PowerShell's own arrays (``@()``, ``1, 2``, a pipeline's collected output) are ``object[]``: a
plain ``list`` here. A cast (``[string[]]$x``), a type-constrained variable, ``-split``,
``String.Split`` and a .NET property typed as an array give a typed one, whose ``GetType()``
and ``ToString()`` name it (``System.String[]``), as Export-Csv and string conversion show it
(learn.microsoft.com/dotnet/api/system.object.tostring: an array's ToString() is its type's name).
Adding to a typed array makes a new ``object[]`` (about_Arrays, "Adding to arrays"), as adding
two lists makes a plain ``list``.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = ["Int32Array", "StringArray", "TypedArray"]


class TypedArray(list[Any]):
    """A .NET array of one element type (subclasses name it)."""

    ps_type_names: ClassVar[tuple[str, ...]] = ("System.Object[]", "System.Array", "System.Object")


class StringArray(TypedArray):
    """``System.String[]``."""

    ps_type_names = ("System.String[]", "System.Array", "System.Object")


class Int32Array(TypedArray):
    """``System.Int32[]``."""

    ps_type_names = ("System.Int32[]", "System.Array", "System.Object")
