.PHONY: install test lint fix bench golden

install:
	python3 -m venv .venv && .venv/bin/pip install -e '.[test]'

test:
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

fix:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

golden:
	MLCAREER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

bench:
	.venv/bin/python benchmarks/startup.py
