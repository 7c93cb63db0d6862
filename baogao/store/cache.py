"""The corpus store under its old name: `load_corpus` and `seed_corpus` (see store.corpus)."""

from __future__ import annotations

from baogao.store.corpus import load_corpus, seed_corpus

__all__ = ["load_corpus", "seed_corpus"]
