-- The days an event's date range spans (0 for a day, about 365 for a
-- year). A query "from D" then also bounds the start, D minus the longest
-- span, so that it seeks in the date index instead of walking it from the
-- first event.
ALTER TABLE events ADD COLUMN span INTEGER NOT NULL DEFAULT 0;
UPDATE events SET span = CAST(julianday(date_end) - julianday(date_start) AS INTEGER) WHERE date_start <> '' AND date_end <> '';
CREATE INDEX events_span ON events(span);
