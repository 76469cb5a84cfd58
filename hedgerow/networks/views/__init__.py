"""Views of groups, subjects and their networks."""
