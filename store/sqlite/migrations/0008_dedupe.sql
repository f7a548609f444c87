-- De-duplication (package dedupe). The events of several reports that tell
-- one incident stay as they were extracted, and the merged event made of
-- them is stored beside them. view says which lists an event is in:
-- 0 both (an event alone, an imported record), 1 the per-report list only
-- (a member of a merged event), 2 the default list only (a merged event).
ALTER TABLE events ADD COLUMN view INTEGER NOT NULL DEFAULT 0;
-- An extracted event's blocking key (dedupe.KeyOf): its region and window
-- of days (Unix days); key_lo is NULL for an event never deduplicated (no
-- usable date, an imported record, a merged event). published is its
-- report's publication time (RFC 3339, '' unknown), which says whose toll
-- is the later one.
ALTER TABLE events ADD COLUMN key_country TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN key_admin1 TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN key_lo INTEGER;
ALTER TABLE events ADD COLUMN key_hi INTEGER;
ALTER TABLE events ADD COLUMN published TEXT NOT NULL DEFAULT '';
-- A new report's candidates (dedupe.Scope) are, for each region of its
-- scope, one range of days in that region; for a report with no place, one
-- range of days anywhere.
CREATE INDEX events_key_region ON events(key_country, key_admin1, key_lo, key_hi) WHERE key_lo IS NOT NULL;
CREATE INDEX events_key_window ON events(key_lo, key_hi) WHERE key_lo IS NOT NULL;

-- Both lists filter on view in the indexes they read.
DROP INDEX events_filter;
CREATE INDEX events_filter ON events(date_start, id, date_end, type, lon, lat, confidence, modality, dataset, actors, view);
DROP INDEX events_summary;
CREATE INDEX events_summary ON events(rev, id, date_start, date_end, type, mode, modality, dataset, confidence, lat, lon,
	place_prec, fatalities, sources, targets, claimant, place_name, admin2, admin1, country, view);

-- Each merged event: its members, the mean score of the matches that
-- joined them, those matches with the fields that drove each (JSON, a
-- list of dedupe.Link), and the version of the rules that made it. A
-- merged event has no event_docs or evidence rows: its documents and
-- evidence are its members', and in its body.
CREATE TABLE clusters (
	id        TEXT PRIMARY KEY,
	members   TEXT NOT NULL, -- JSON list of event ids, sorted
	size      INTEGER NOT NULL,
	score     REAL NOT NULL,
	links     TEXT NOT NULL,
	rules     TEXT NOT NULL,
	merged_at TEXT NOT NULL
);

-- The merged event each member is in. A merged event's id changes as
-- reports join it (it derives from its members), and this small table,
-- not the events row with its indexes, is what changes with it.
CREATE TABLE cluster_members (
	event_id TEXT PRIMARY KEY,
	cluster  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX cluster_members_cluster ON cluster_members(cluster);

-- Pairs of events an analyst split apart (durand events --unmerge), a < b:
-- they are never merged again.
CREATE TABLE cannot_link (
	a  TEXT NOT NULL,
	b  TEXT NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX cannot_link_b ON cannot_link(b);
