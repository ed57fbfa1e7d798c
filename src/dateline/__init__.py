"""dateline: news articles in, a verifiable database of events, quotes and stories out.

The public Python API: `dateline.ingest(paths, db=...)` and `dateline.open(db)`.
"""

__version__ = "0.1.0"
