"""Domain exceptions. Their first argument is a German message for the user.

Only the edges (CLI, API) turn them into output; everything inside raises them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kb_tools.problems import Problem


class KbError(Exception):
    """Base class for every error the user can cause and fix."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class ConfigError(KbError):
    """A setting has a value that cannot be used."""


class LibraryError(KbError):
    """The library folder cannot be read at all (missing, not a folder, …)."""


class LibraryInvalid(LibraryError):
    """The library has errors; ``problems`` lists every one of them."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


class ConceptExists(KbError):
    """``kb new`` would overwrite an existing concept."""


class UnknownConcept(KbError):
    """A concept id that the library or index does not contain."""


class UnknownFilterValue(KbError):
    """A filter names a topic, format, centre, … that does not exist."""


class BuildError(KbError):
    """The site could not be built; the previous site stays in place."""


class IndexMissing(KbError):
    """No search index exists in the given folder."""


class IndexMismatch(KbError):
    """The index was built with another embedder or format; re-index."""


class EmbedderError(KbError):
    """An embedder name is unknown or its model cannot be loaded."""


class ServeError(KbError):
    """``kb serve`` cannot start (port in use, …)."""


class InvalidQuery(KbError):
    """A search request that cannot be answered (empty query, unknown mode, …)."""
