"""Stage 3, kb: the KnowledgeBase (built in one place), its indexes, its on-disk store and cache."""
