"""The Konzeptbibliothek search API."""
