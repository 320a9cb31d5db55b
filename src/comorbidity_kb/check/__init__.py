"""Stage 2, check: diagnostics, the rules over a whole folder, pydantic errors explained."""
