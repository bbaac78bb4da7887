"""Run the command line with `python -m mlcareer`."""

from mlcareer.cli import main

main()
