"""mlcareer: compare machine learning careers, measure your skills gap and find answers."""

__version__ = "0.1.0"
