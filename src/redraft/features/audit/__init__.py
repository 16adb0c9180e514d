"""Audit log: every state change with actor, time, target and details; listed with filters."""
