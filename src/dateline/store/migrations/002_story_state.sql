-- Schema version 2: what the stories stage keeps between runs, so batches and re-runs give the same stories.

-- Clusterer counters and options (JSON values by name).
CREATE TABLE IF NOT EXISTS cluster_meta (
    name  VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- Document frequencies of terms and entities (kind: 'term' | 'entity'), the clusterer's IDF.
CREATE TABLE IF NOT EXISTS cluster_df (
    kind VARCHAR NOT NULL,
    key  VARCHAR NOT NULL,
    df   INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
);

-- MinHash signatures for near-duplicate detection (signature: JSON list of unsigned 64-bit ints).
CREATE TABLE IF NOT EXISTS doc_signatures (
    doc_id    VARCHAR PRIMARY KEY,
    seq       BIGINT NOT NULL,
    scheme    VARCHAR,
    signature VARCHAR NOT NULL
);
