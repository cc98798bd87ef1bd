"""People over time: suggestions of known people, the Known-here panel, follow-ups, outreach."""
