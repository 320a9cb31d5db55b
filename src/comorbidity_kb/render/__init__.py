"""Stage 5, render: writing views for people (rich on a terminal, plain in a pipe) or as JSON."""
