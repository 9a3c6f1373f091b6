"""Konzeptbibliothek: parsing, validation, site generation and indexing of training concepts."""
