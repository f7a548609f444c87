-- Documents, with their normalised-text hash as the idempotency key.
CREATE TABLE documents (
	rowid     INTEGER PRIMARY KEY,
	doc_id    TEXT NOT NULL,
	hash      TEXT NOT NULL UNIQUE,
	title     TEXT NOT NULL DEFAULT '',
	source    TEXT NOT NULL DEFAULT '',
	url       TEXT NOT NULL DEFAULT '',
	published TEXT,
	text      TEXT NOT NULL,
	stored_at TEXT NOT NULL
);
CREATE INDEX documents_doc_id ON documents(doc_id);

-- Full-text search over title and text, kept in step by triggers.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
	INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
	INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;

-- Events: the columns queries filter on, and the whole event as its
-- contract JSON (body), which is what is read back.
CREATE TABLE events (
	id            TEXT PRIMARY KEY,
	type          TEXT NOT NULL,
	mode          TEXT NOT NULL DEFAULT '',
	date_start    TEXT NOT NULL DEFAULT '',
	date_end      TEXT NOT NULL DEFAULT '',
	date_prec     TEXT NOT NULL DEFAULT 'unknown',
	place_id      TEXT,
	lat           REAL,
	lon           REAL,
	place_prec    TEXT,
	fatalities    INTEGER,
	modality      TEXT NOT NULL,
	confidence    REAL NOT NULL,
	dataset       TEXT NOT NULL DEFAULT 'durand',
	record        TEXT NOT NULL DEFAULT '',
	body          TEXT NOT NULL
);
CREATE INDEX events_date ON events(date_start, id);
CREATE INDEX events_type ON events(type, date_start);
CREATE INDEX events_dataset ON events(dataset, date_start);
CREATE INDEX events_lonlat ON events(lon, lat);

CREATE TABLE places (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL DEFAULT '',
	admin2  TEXT NOT NULL DEFAULT '',
	admin1  TEXT NOT NULL DEFAULT '',
	country TEXT NOT NULL DEFAULT '',
	lat     REAL,
	lon     REAL
);

-- Where each event happened, by name at every level, for place filters.
CREATE TABLE event_places (
	event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	name     TEXT NOT NULL COLLATE NOCASE,
	PRIMARY KEY (name, event_id)
) WITHOUT ROWID;

CREATE TABLE actors (
	code    TEXT PRIMARY KEY,
	name    TEXT NOT NULL,
	country TEXT NOT NULL DEFAULT '',
	sector  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE event_actors (
	event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	role     TEXT NOT NULL, -- source, target, claimed_by
	code     TEXT NOT NULL,
	name     TEXT NOT NULL,
	PRIMARY KEY (code, event_id, role)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_id);

CREATE TABLE event_docs (
	event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	doc_id   TEXT NOT NULL,
	PRIMARY KEY (doc_id, event_id)
) WITHOUT ROWID;
CREATE INDEX event_docs_event ON event_docs(event_id);

CREATE TABLE evidence (
	event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
	doc_id   TEXT NOT NULL,
	field    TEXT NOT NULL,
	start    INTEGER NOT NULL,
	"end"    INTEGER NOT NULL,
	text     TEXT NOT NULL
);
CREATE INDEX evidence_event ON evidence(event_id);

-- Imported records' notes (ACLED notes, UCDP headlines), searchable.
-- Its rowid is the event's rowid.
CREATE VIRTUAL TABLE event_notes_fts USING fts5(notes);

CREATE TABLE ingest_log (
	id      INTEGER PRIMARY KEY,
	at      TEXT NOT NULL,
	input   TEXT NOT NULL,
	doc_id  TEXT NOT NULL DEFAULT '',
	hash    TEXT NOT NULL DEFAULT '',
	status  TEXT NOT NULL,
	events  INTEGER NOT NULL DEFAULT 0,
	error   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ingest_log_status ON ingest_log(status);
