"""Stage 1, read: where the data is, its files, safe YAML, and the models they parse into."""
