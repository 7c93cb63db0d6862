"""baogao (报告): explore Chinese government work reports and five-year plans.

One import package over the repository's folders (see pyproject's package-dir):

    file → baogao.parsers (read → repair → outline → meta → glossary → indicators)
         → Report (baogao.parsers.model, frozen)
         → baogao.store (the corpus store)           ┐ the headless core:
           baogao.search, baogao.bookmarks,          │ no Textual import
           baogao.output, baogao.paths, baogao.files ┘
         → baogao.cli (commands) | baogao.tui (the Textual app)

Records: the report model's types are frozen dataclasses. The small records that the
app's first screen imports besides them (a load's corpus, a store entry, a load's
plan, the app's remembered state, the outline's region tree) are NamedTuples, or plain
classes when they change: Python 3.11 builds a frozen dataclass in 0.6-0.9 ms (it
compiles six methods), a NamedTuple in 0.1 ms, and the first screen imported twenty
(13 ms of 38).
"""

__version__ = "0.2.0"
