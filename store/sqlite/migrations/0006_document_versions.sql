-- A document's id is the caller's and repeats (an edited file under the
-- same path, one id twice in a JSON-lines file); its text hash does not.
-- A new text under a stored id is a new version: the old one is kept,
-- marked replaced by the new one's rowid, and its events are deleted.
ALTER TABLE documents ADD COLUMN replaced_by INTEGER;
CREATE INDEX documents_current ON documents(doc_id) WHERE replaced_by IS NULL;

-- Stores written before this kept every version current: the newest of
-- each id stays current, as Document already read it.
UPDATE documents SET replaced_by = (SELECT max(d.rowid) FROM documents d WHERE d.doc_id = documents.doc_id)
	WHERE rowid < (SELECT max(d.rowid) FROM documents d WHERE d.doc_id = documents.doc_id);

-- Which text each event came from: an event links to the version of the
-- document it was extracted from, not to whatever text now has that id.
ALTER TABLE event_docs ADD COLUMN hash TEXT NOT NULL DEFAULT '';
UPDATE event_docs SET hash = coalesce((SELECT d.hash FROM documents d WHERE d.doc_id = event_docs.doc_id AND d.replaced_by IS NULL), '');
CREATE INDEX event_docs_hash ON event_docs(hash);

-- The version a stored document replaced, in its log entry.
ALTER TABLE ingest_log ADD COLUMN replaced TEXT NOT NULL DEFAULT '';
