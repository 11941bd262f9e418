"""YAML from files geomap does not trust (front matter, config.yaml, gazetteer files), bounded.

PyYAML's safe loader runs no code, but a few hundred bytes of anchors and aliases ("a billion
laughs") expand to billions of values once anything walks or prints them, and an alias to an
enclosing node makes a value that contains itself. `load` composes the document first, then
counts what it would expand to (each shared node once per use, without expanding anything)
and refuses a document over `max_values` values, deeper than `max_depth`, or holding itself,
before a single value is built. A date that does not exist ("2016-02-30") stays text, for the
reader of the value to refuse or warn about with its own words.
"""
from __future__ import annotations

import yaml

MAX_VALUES = 20_000
MAX_DEPTH = 50


class YAMLLimitError(yaml.MarkedYAMLError):
    """A document over the limits; `problem_mark` is where."""


class BoundedLoader(yaml.SafeLoader):
    """The safe loader; a timestamp that is no real date stays the text it is."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, TypeError, AttributeError):
            return str(node.value)


BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp", BoundedLoader.construct_yaml_timestamp)


def load(text: str, max_values: int = MAX_VALUES, max_depth: int = MAX_DEPTH):
    """The value of a YAML document, refused when it would expand beyond the limits.

    Parameters
    ----------
    text : str
        One YAML document.
    max_values, max_depth : int
        The most values (scalars, lists and mappings, aliases counted once per use) and the
        deepest nesting accepted.

    Returns
    -------
    object
        What `yaml.safe_load` would give (None for an empty document).

    Raises
    ------
    yaml.YAMLError
        Not YAML, or a YAMLLimitError (over a limit, a value holding itself),
        with `problem_mark` where the problem is.
    """
    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, max_values, max_depth)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, max_values: int, max_depth: int) -> None:
    """Count the values the node graph expands to, without expanding it (each node's count once)."""
    counts: dict[int, int] = {}
    open_nodes: set[int] = set()

    def count(node: yaml.Node, depth: int) -> int:
        if id(node) in counts:
            return counts[id(node)]
        if depth > max_depth:
            raise YAMLLimitError(problem=f"nested more than {max_depth} levels deep", problem_mark=node.start_mark)
        if id(node) in open_nodes:
            raise YAMLLimitError(problem="an alias to a value that holds it (a value containing itself)",
                                 problem_mark=node.start_mark)
        open_nodes.add(id(node))
        total = 1 + sum(count(child, depth + 1) for child in _children(node))
        open_nodes.discard(id(node))
        if total > max_values:
            raise YAMLLimitError(problem=f"expands to more than {max_values:,} values (anchors and aliases "
                                         "repeated within each other)", problem_mark=node.start_mark)
        counts[id(node)] = total
        return total

    count(root, 0)


def _children(node: yaml.Node):
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return ()
