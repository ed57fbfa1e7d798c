-- dateline store, schema version 1. Nested contract fields (actor, recipient, location, mentions, speaker) are JSON
-- text; the flat copies beside them (actor_country, actor_code...) exist for filtering and indexing.

CREATE TABLE IF NOT EXISTS documents (
    doc_id           VARCHAR PRIMARY KEY,
    external_id      VARCHAR,
    uri              VARCHAR,
    title            VARCHAR,
    source           VARCHAR,
    published        VARCHAR,
    published_source VARCHAR,
    dateline         VARCHAR,
    language         VARCHAR,
    license          VARCHAR,
    author           VARCHAR,
    story_id         VARCHAR,
    duplicate_of     VARCHAR,
    char_count       INTEGER,
    text             VARCHAR NOT NULL,
    ingested_seq     BIGINT
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id     VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

-- One row per coded mention (what the events stage found in one document).
CREATE TABLE IF NOT EXISTS event_mentions (
    mention_id   VARCHAR PRIMARY KEY,
    event_id     VARCHAR NOT NULL,      -- the merged event this mention belongs to
    doc_id       VARCHAR NOT NULL,
    date         VARCHAR,
    date_source  VARCHAR,
    actor        VARCHAR,
    recipient    VARCHAR,
    cameo        VARCHAR NOT NULL,
    cameo_root   VARCHAR,
    goldstein    DOUBLE,
    quad_class   INTEGER,
    plover       VARCHAR,
    plover_mode  VARCHAR,
    modality     VARCHAR,
    location     VARCHAR,
    confidence   DOUBLE,
    trigger      VARCHAR,
    reported_by  VARCHAR,
    sentence     VARCHAR,
    char_start   INTEGER,
    char_end     INTEGER
);

-- One row per merged event (a real-world event, however many mentions support it).
CREATE TABLE IF NOT EXISTS events (
    event_id          VARCHAR PRIMARY KEY,
    story_id          VARCHAR,
    date              VARCHAR,
    date_source       VARCHAR,
    actor             VARCHAR,
    recipient         VARCHAR,
    actor_country     VARCHAR,
    actor_code        VARCHAR,
    actor_kb_id       VARCHAR,
    recipient_country VARCHAR,
    recipient_code    VARCHAR,
    recipient_kb_id   VARCHAR,
    cameo             VARCHAR NOT NULL,
    cameo_root        VARCHAR,
    goldstein         DOUBLE,
    quad_class        INTEGER,
    plover            VARCHAR,
    plover_mode       VARCHAR,
    modality          VARCHAR,
    location          VARCHAR,
    confidence        DOUBLE,
    num_sources       INTEGER,
    num_mentions      INTEGER,
    mentions          VARCHAR,
    variants          VARCHAR
);

CREATE TABLE IF NOT EXISTS quotes (
    quote_id      VARCHAR PRIMARY KEY,
    doc_id        VARCHAR NOT NULL,
    text          VARCHAR NOT NULL,
    kind          VARCHAR,
    char_start    INTEGER,
    char_end      INTEGER,
    speaker       VARCHAR,
    speaker_kb_id VARCHAR,
    speaker_name  VARCHAR,
    cue           VARCHAR,
    statement_id  VARCHAR,
    speaker_start INTEGER,
    speaker_end   INTEGER
);

CREATE TABLE IF NOT EXISTS stories (
    story_id        VARCHAR PRIMARY KEY,
    title           VARCHAR,
    first_published VARCHAR,
    last_published  VARCHAR,
    state           VARCHAR      -- the clusterer's serialised state for this story
);

