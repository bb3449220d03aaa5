"""The bank as files to take away: Anki decks, PDF books, datasets, the offline site.

``qbank exports`` (``run.py``) writes them into the built site's ``downloads/`` folder,
one module per kind of file, and fills in the downloads pages (``downloads.py``).
"""


class ExportError(RuntimeError):
    """An export could not be written; the message says why (no traceback for the reader)."""
