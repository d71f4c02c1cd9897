"""What the workers are sent: a claim's source crosses processes whole."""

from __future__ import annotations

import dataclasses
import pickle

from expensecli.run.batch import ClaimSource


def test_a_source_pickles_with_every_field():
    values = {"display": "claims/a.yaml", "path": "/claims/a.yaml", "data": b"id: A\n", "base_dir": "/claims",
              "problem": "cannot read the folder"}
    assert [field.name for field in dataclasses.fields(ClaimSource)] == list(values)
    source = ClaimSource(**values)
    copy = pickle.loads(pickle.dumps(source, pickle.HIGHEST_PROTOCOL))
    assert copy == source and type(copy) is ClaimSource
    assert {name: getattr(copy, name) for name in values} == values
