-- The columns queries filter on, in the order they are returned: a query
-- walks this index in date order, tests its filters here, and reads an
-- event's row (with its large body) only when the event is selected.
CREATE INDEX events_filter ON events(date_start, id, date_end, type, lon, lat, confidence, modality, dataset);
