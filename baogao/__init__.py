"""baogao (报告): explore Chinese government work reports and five-year plans.

One import package over the repository's folders (see pyproject's package-dir):

    file → baogao.parsers (read → repair → outline → meta → glossary → indicators)
         → Report (baogao.parsers.model, frozen)
         → baogao.store (the corpus store)           ┐ the headless core:
           baogao.search, baogao.bookmarks,          │ no Textual import
           baogao.output, baogao.paths, baogao.files ┘
         → baogao.cli (commands) | baogao.tui (the Textual app)
"""

__version__ = "0.2.0"
