"""Pydantic models of the two file formats: claims and rate sheets."""
