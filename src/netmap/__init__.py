"""netmap: find the people two steps away worth an informational interview, and who can introduce you."""

__version__ = "0.1.0"
