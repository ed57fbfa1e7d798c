"""dateline.store: the embedded DuckDB store and its exports; the only package that knows SQL."""

from dateline.store.duckdb_store import DEFAULT_DB, SCHEMA_VERSION, Store

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store"]
