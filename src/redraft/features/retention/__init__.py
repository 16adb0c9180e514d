"""Retention: archive old versions nobody points at, and report storage per component."""
