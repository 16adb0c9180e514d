"""redraft: keeps generated React components in step with a design system, keeping hand edits."""

__version__ = "0.1.0"
