"""Ingestion: load files, recognise reports, parse tables, chunk, and store."""
