"""Small readers over an Extraction, so tests say what they mean."""
from kg.keys import normalize_name


def entity(extraction, name):
    """The entity whose label or alias is ``name`` (normalized), or None."""
    wanted = normalize_name(name)
    for e in extraction.entities:
        if wanted in {normalize_name(x) for x in (e.name, *e.aliases)}:
            return e
    return None


def key_of(extraction, name):
    e = entity(extraction, name)
    return e.key if e else None


def events_of(extraction, event_type):
    return [e for e in extraction.events if e.type == event_type]


def statements_by(extraction, name):
    key = key_of(extraction, name)
    return [s for s in extraction.statements if key and s.speaker == key]
