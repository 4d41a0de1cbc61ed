"""Evidence: timelines, conflicting citations, the sources index (pure, no Qt)."""
