"""Errors the user can act on: each names the file and, where known, the place."""

from __future__ import annotations


class UntkError(Exception):
    """Base of every error untk reports as a one-line message with exit code 2."""


class InputError(UntkError):
    """A file that cannot be read as a resolution."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.message = message
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        place = self.path
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self.message}"
