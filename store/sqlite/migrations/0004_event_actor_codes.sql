-- Each event's actor codes, space-separated with a space at each end
-- (" PAK.MIL TTP "), in the filter index: an actor filter is then tested
-- on the index walk instead of by collecting every id the actor has.
ALTER TABLE events ADD COLUMN actors TEXT NOT NULL DEFAULT '';
UPDATE events SET actors = coalesce((SELECT ' ' || group_concat(code, ' ') || ' ' FROM event_actors a WHERE a.event_id = events.id), '');
DROP INDEX events_filter;
CREATE INDEX events_filter ON events(date_start, id, date_end, type, lon, lat, confidence, modality, dataset, actors);
