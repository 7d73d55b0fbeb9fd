"""The corpus of ingested documents: SQL records of what is stored in Chroma."""
