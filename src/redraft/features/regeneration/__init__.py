"""Regeneration: proposals as drafts, merge of hand edits, accept / reject / resolve, edits."""
