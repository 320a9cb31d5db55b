"""Stage 4, views: the answer to each command as a plain, JSON-ready dict."""
