-- What the in-memory summary of events (summary.go) reads: every column a
-- filter, a series or the network needs, on the events row itself, so
-- that loading it reads one table and parses no JSON.
ALTER TABLE events ADD COLUMN sources TEXT NOT NULL DEFAULT ''; -- source codes in order, space-separated
ALTER TABLE events ADD COLUMN targets TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN claimant TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN place_name TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN admin2 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN admin1 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN country TEXT NOT NULL DEFAULT '';
UPDATE events SET
	sources = coalesce((SELECT group_concat(json_extract(s.value, '$.code'), ' ') FROM json_each(events.body, '$.source') s
		WHERE coalesce(json_extract(s.value, '$.code'), '') <> ''), ''),
	targets = coalesce((SELECT group_concat(json_extract(s.value, '$.code'), ' ') FROM json_each(events.body, '$.target') s
		WHERE coalesce(json_extract(s.value, '$.code'), '') <> ''), ''),
	claimant = coalesce(json_extract(body, '$.claimed_by.code'), ''),
	place_name = coalesce(json_extract(body, '$.place.name'), ''),
	admin2 = coalesce(json_extract(body, '$.place.admin2'), ''),
	admin1 = coalesce(json_extract(body, '$.place.admin1'), ''),
	country = coalesce(json_extract(body, '$.place.country'), '');

-- Revisions: each write transaction that writes events takes the next
-- revision and stamps the events it writes with it; a deleted event
-- leaves its id and the revision. A reader that has seen revision r reads
-- what changed since from these, in whatever process the writer ran.
CREATE TABLE revision (rev INTEGER NOT NULL);
INSERT INTO revision(rev) VALUES (1);
ALTER TABLE events ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;
-- The summary reads its columns from this index alone: the columns added
-- above come after the body in each row, and reading past a long body
-- reads its overflow pages (13 s for 200,000 events, against 1 s here).
CREATE INDEX events_summary ON events(rev, id, date_start, date_end, type, mode, modality, dataset, confidence, lat, lon,
	place_prec, fatalities, sources, targets, claimant, place_name, admin2, admin1, country);
CREATE TABLE event_deletions (
	rev INTEGER NOT NULL,
	id  TEXT NOT NULL
);
CREATE INDEX event_deletions_rev ON event_deletions(rev);
CREATE TRIGGER events_deleted AFTER DELETE ON events BEGIN
	INSERT INTO event_deletions(rev, id) VALUES ((SELECT rev FROM revision), old.id);
END;
