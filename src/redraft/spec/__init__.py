"""Validated input schemas (pydantic) shared by codegen, features and entrypoints."""
