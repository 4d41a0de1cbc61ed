"""Evidence: timelines, conflicting citations, the sources index (pure, no Qt)."""

from familytree.evidence.conflicts import Conflict, ConflictingValue, find_conflicts, person_conflicts
from familytree.evidence.dates import Age, age_between
from familytree.evidence.facts import (
    FactAnnotation,
    citation_count,
    fact_annotations,
    fact_summary,
    family_fact_annotations,
    support_label,
)
from familytree.evidence.sources import CitationEntry, CitationUse, SourceEntry, citation_text, source_index
from familytree.evidence.timeline import TimelineEntry, context_events, timeline

__all__ = [
    "Age", "CitationEntry", "CitationUse", "Conflict", "ConflictingValue", "FactAnnotation", "SourceEntry",
    "TimelineEntry", "age_between", "citation_count", "citation_text", "context_events", "fact_annotations",
    "fact_summary", "family_fact_annotations", "find_conflicts", "person_conflicts", "source_index",
    "support_label", "timeline",
]
