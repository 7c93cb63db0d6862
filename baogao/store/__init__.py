"""The corpus store: parsed reports kept in one SQLite database under the XDG cache folder.

database  the tables, keys, checksums, set-aside and pruning (CorpusStore)
codec     a report's model as validated JSON (never pickle)
workers   parsing in worker processes (progress: what a load reports as it goes)
corpus    loading through the store: open_corpus, streamed_open, index_paths, summaries
stream    a cold open's load streamed into the explorer (StreamedLoad), imported with it
"""

from baogao.store.corpus import (
    IndexOutcome,
    LoadedCorpus,
    ReportSummary,
    index_paths,
    load_corpus,
    open_corpus,
    read_report,
    seed_corpus,
    streamed_open,
    summaries,
    unstored,
)

__all__ = [
    "IndexOutcome",
    "LoadedCorpus",
    "ReportSummary",
    "index_paths",
    "load_corpus",
    "open_corpus",
    "read_report",
    "seed_corpus",
    "streamed_open",
    "summaries",
    "unstored",
]
