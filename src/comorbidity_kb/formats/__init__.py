"""Stage 5, formats: pure functions from a view (or citations) to a file format."""
