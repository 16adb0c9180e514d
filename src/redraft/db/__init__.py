"""Persistence: models, migrations, sessions and the content-addressed blob store."""
