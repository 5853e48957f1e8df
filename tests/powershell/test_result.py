"""Result.fresh, the fast ``Result()`` every command makes, stays ``Result()``."""

from __future__ import annotations

import dataclasses

from cscmdlets.powershell.engine import PSOutput, Result


def test_a_fresh_result_is_an_empty_result_with_every_field() -> None:
    """A field added to Result must be added to Result.fresh too: this fails until it is."""
    fresh, made = Result.fresh(), Result()
    for field in dataclasses.fields(Result):
        assert getattr(fresh, field.name) == getattr(made, field.name), field.name
    assert type(fresh.output) is PSOutput
    streams = fresh.output.result  # the output knows its result's streams
    assert streams.errors is fresh.errors and streams.warnings is fresh.warnings and streams.host is fresh.host
    assert streams.verbose is fresh.verbose and streams.plan is fresh.plan
    assert Result.fresh().errors is not fresh.errors  # nothing shared between results
