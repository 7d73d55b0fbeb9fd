"""Agency resolution: names read as places and an organ, matched to held agencies.

Used at ingest (report titles) and for questions. See ARCHITECTURE.md, "Agencies".
"""

from assistant.agencies.directory import AgencyDirectory, Mention, Resolution
from assistant.agencies.divisions import Divisions, load_divisions, place_stem
from assistant.agencies.names import AgencyName, NameParser, Place
from assistant.agencies.organs import Organs, load_organs

__all__ = [
    "AgencyDirectory",
    "AgencyName",
    "Divisions",
    "Mention",
    "NameParser",
    "Organs",
    "Place",
    "Resolution",
    "load_divisions",
    "load_organs",
    "place_stem",
]
