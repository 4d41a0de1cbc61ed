"""Privacy for what leaves the machine: who is living, RESN notices, and trees with them hidden."""

from familytree.privacy.living import (
    MAX_AGE,
    Basis,
    Link,
    LivingIndex,
    Verdict,
    infer_living,
    living_people,
    reason,
)
from familytree.privacy.redact import LIVING_NAME, PRIVATE_NAME, Mode, Redaction, hidden_note, redact
from familytree.privacy.restriction import is_restricted, restricted_families, restricted_people

__all__ = [
    "LIVING_NAME", "MAX_AGE", "PRIVATE_NAME", "Basis", "Link", "LivingIndex", "Mode", "Redaction", "Verdict",
    "hidden_note", "infer_living", "is_restricted", "living_people", "reason", "redact",
    "restricted_families", "restricted_people",
]
