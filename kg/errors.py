"""Errors users see as one line on stderr (exit 2); anything else is an internal error (exit 1)."""


class KgError(Exception):
    """Base: the message names the input and, where there is one, the fix."""

    exit_code = 2


class InputError(KgError):
    """An input file or folder cannot be read as an article."""


class LexiconError(KgError):
    """A data file under data/ is malformed (the message gives file:line)."""


class QueryError(KgError):
    """A SPARQL query is malformed, unknown or failed."""


class OutputError(KgError):
    """An output folder or file cannot be written."""


class ActorError(KgError):
    """A name or IRI given for an entity names no entity of the graph, or several."""
