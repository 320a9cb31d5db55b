"""``python -m comorbidity_kb`` does what ``kb`` does."""

from comorbidity_kb.cli import main

main()
