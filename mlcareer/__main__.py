"""Run the command line: `python -m mlcareer`, and the `mlcareer` command itself (`launch`)."""

from __future__ import annotations


def launch() -> None:
    """Start the command line with the cyclic garbage collector off.

    A command lives for a fraction of a second and builds few reference cycles, while the
    collector would walk every object the imports and the data create, several times over:
    about 5% of the start-up. Tests drive `mlcareer.cli` directly and keep the collector on.
    """
    import gc

    gc.disable()
    from mlcareer.cli import main

    main()


if __name__ == "__main__":
    launch()
