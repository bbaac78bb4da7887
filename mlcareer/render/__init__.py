"""Rendering: the only package that builds rich output, Markdown, JSON, CSV, HTML or SVG.

One module per command owns every format of that command's result; `console` owns the
terminal: stdout, stderr, the pager, and the `error` / `warning` / `note` lines.
"""
