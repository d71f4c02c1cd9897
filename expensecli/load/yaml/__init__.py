"""Safe YAML reading that keeps where every key and value stood.

Two paths build the same `Document`. The fast one (`nodes`) lets libyaml compose the nodes in
C and builds the data from them, for small texts that cannot nest deeply and hold no anchor
or alias; it hands anything unusual to the event path (`events`), which walks the parser's
events and leaves every refusal to `tree.Tree`. So both accept the same files, build the
same data and positions, and refuse the first problem with the same message;
tests/load/test_yaml_paths_agree.py checks that on generated YAML.
"""

from __future__ import annotations

import yaml

from expensecli.load.yaml import nodes
from expensecli.load.yaml.events import from_events
from expensecli.load.yaml.tree import MAX_DEPTH, Document, YamlProblem

__all__ = ["Document", "YamlProblem", "parse_document"]


def parse_document(text: str, max_depth: int = MAX_DEPTH) -> Document:
    """Parse one YAML document; raise YamlProblem for anything refused."""
    if nodes.fast_path_safe(text):
        try:
            return nodes.from_nodes(text, max_depth)
        except (yaml.YAMLError, nodes.Unusual):
            pass  # the event path says exactly what and where
    return from_events(text, max_depth)
