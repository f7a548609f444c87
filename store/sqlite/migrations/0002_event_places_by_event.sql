-- Replacing an event deletes its place names by event id.
CREATE INDEX event_places_event ON event_places(event_id);
