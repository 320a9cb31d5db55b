"""Adversarial tests: hostile files, folders, environment, arguments, signals and
concurrency (issue 11). Each test failed on the code before its fix."""
