"""Streaming pipelines: each object goes through every command of a pipeline before the next
one is made, as PowerShell's pipeline processor passes them (about_Pipelines;
about_Functions_Advanced_Methods, "begin", "process", "end").

Each command is a :class:`Stage`. :meth:`Pipeline.run` calls every stage's ``begin`` in order,
then the first stage's ``process`` once per input object (once with ``NOT_GIVEN`` when the
pipeline starts with a command, which has no input), then every stage's ``end`` in order. A
stage writes into a :class:`Sink`: a :class:`Feed` passes each object to the next stage's
``process`` at once, and the last stage's objects go to the pipeline's own output (the console
for a top-level statement, a list for ``$x = …``). A command that needs all its input
(Sort-Object) keeps it in ``process`` and writes in ``end``; from there its objects flow on.

Two exceptions cross stages on their way out:

- an error from a later stage passes back through the stages that wrote the object as a
  :class:`Downstream`, which none of their own handlers (try/catch, loops, a statement's error
  handling) take for theirs; the pipeline raises the error again, to the statement that ran it;
- :class:`StopUpstream` (Select-Object -First has its objects): the stages before the one that
  raised it stop, and it and the later stages end as usual (PowerShell's
  StopUpstreamCommandsException).

Once either has passed, what the stopped stages still write (a ``finally`` block on the way
out) goes nowhere.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, Protocol

from ..powershell.metadata import NOT_GIVEN
from .errors import EmulatorStop

__all__ = ["Downstream", "Feed", "Pipeline", "Sink", "Stage", "StopUpstream"]


class Sink(Protocol):
    """Where a command's output objects go as it writes them; a ``list`` collects them."""

    def append(self, value: Any, /) -> None: ...

    def extend(self, values: Iterable[Any], /) -> None: ...


class Stage(Protocol):
    """One command of a pipeline (a cmdlet's BeginProcessing, ProcessRecord, EndProcessing)."""

    def begin(self) -> None: ...

    def process(self, item: Any) -> None:
        """One input object; ``NOT_GIVEN`` for the first command, which runs once without input."""
        ...

    def end(self) -> None: ...


class StopUpstream(Exception):
    """Raised by a stage that wants no more input: the stages before it stop."""


class Downstream(Exception):
    """``error``, raised by stage ``index`` of ``pipeline``, on its way back through the stages
    that wrote the object it was processing."""

    def __init__(self, error: Exception, pipeline: Pipeline, index: int) -> None:
        super().__init__(error)
        self.error = error
        self.pipeline = pipeline
        self.index = index


class Feed:
    """The output of stage ``index - 1``: each object goes to stage ``index`` at once, or,
    after the last stage, to the pipeline's output."""

    def __init__(self, pipeline: Pipeline, index: int) -> None:
        self.pipeline = pipeline
        self.index = index

    def append(self, value: Any, /) -> None:
        pipeline = self.pipeline
        if self.index <= pipeline.stopped_at:
            return  # a stopped stage writing on its way out
        if self.index == len(pipeline.stages):
            pipeline.out.append(value)
            return
        try:
            pipeline.stages[self.index].process(value)
        except (Downstream, EmulatorStop):
            raise  # already on its way out; an emulator stop is no PowerShell error: nothing handles it
        except Exception as error:
            pipeline.stopped_at = self.index
            raise Downstream(error, pipeline, self.index) from error

    def extend(self, values: Iterable[Any], /) -> None:
        for value in values:
            self.append(value)


class Pipeline:
    """Stages added in order with :meth:`add`, each writing into :meth:`next_feed`; ``out``
    takes what the last one writes."""

    def __init__(self, out: Sink) -> None:
        self.out = out
        self.stages: list[Stage] = []
        #: The last stage stopped by an error or a StopUpstream passing back (-1: none).
        self.stopped_at = -1

    def next_feed(self) -> Feed:
        """Where the stage about to be added writes: the stage after it, or ``out``."""
        return Feed(self, len(self.stages) + 1)

    def add(self, stage: Stage) -> None:
        self.stages.append(stage)

    def run(self, source: Iterable[Any] | None) -> None:
        """Begin every stage, pass each object of ``source`` to the first (without a source, call
        it once with ``NOT_GIVEN``), then end every stage; after a stop, end the rest."""
        if not self.stages:
            self.out.extend(source or ())
            return
        ending = self._guarded(lambda: self._all(source))
        while ending is not None:
            ending = self._guarded(functools.partial(self._end, ending))

    def _all(self, source: Iterable[Any] | None) -> None:
        for stage in self.stages:
            stage.begin()
        first = self.stages[0]
        for item in [NOT_GIVEN] if source is None else source:
            first.process(item)
        self._end(0)

    def _end(self, start: int) -> None:
        for stage in self.stages[start:]:
            stage.end()

    def _guarded(self, step: Callable[[], None]) -> int | None:
        """Run ``step``; after a stop, the index of the first stage still to end."""
        try:
            step()
        except StopUpstream:  # the first stage's own, raised straight to here
            self.stopped_at = 0
            return 0
        except Downstream as passing:
            if passing.pipeline is not self:
                raise
            error = passing.error
            if isinstance(error, StopUpstream):
                return passing.index
            raise error from error.__cause__
        return None
