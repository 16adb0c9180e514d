"""History: rollback and branches."""
