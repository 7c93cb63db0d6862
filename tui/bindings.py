"""Key bindings shared by every list, table and scrolling view, and reading them back.

Each widget that moves a cursor takes CURSOR_BINDINGS and implements the six actions,
so j/k/g/G and the page keys do the same thing in the outline, the reader, the
glossary's term list, the indicator tables, the region picker and help.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual.binding import Binding
from textual.dom import DOMNode

CURSOR_BINDINGS: tuple[Binding, ...] = (
    Binding("j,down", "cursor_down", "Down", show=False),
    Binding("k,up", "cursor_up", "Up", show=False),
    Binding("g,home", "cursor_first", "First", show=False),
    Binding("G,end", "cursor_last", "Last", show=False),
    Binding("pagedown", "page_down", "Page down", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
)


def declared_bindings(nodes: Iterable[DOMNode | type[DOMNode]]) -> Iterator[Binding]:
    """The bindings the nodes' classes (or the classes given) declare, a subclass's key
    replacing its base's as Textual merges them; system bindings (ctrl+c's "press
    ctrl+q") left out."""
    for node in nodes:
        by_key: dict[str, Binding] = {}
        for cls in reversed((node if isinstance(node, type) else type(node)).__mro__):
            for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ())):
                by_key[binding.key] = binding
        yield from (binding for binding in by_key.values() if not binding.system)
