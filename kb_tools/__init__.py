"""Konzeptbibliothek: parsing, validation, site generation and indexing of training concepts.

Four pipelines, each a package used through its face: ``library`` (files → Concept),
``site`` (Library → pages → MkDocs), ``search`` (passages → index → results) and ``cli``
(the ``kb`` command). ``errors``, ``problems`` and ``settings`` are the shared core.
"""
