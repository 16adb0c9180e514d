"""Branches: experimental lines of versions with prerelease numbers, merged back as drafts."""
