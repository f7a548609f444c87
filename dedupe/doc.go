// Package dedupe is durand's de-duplication stage: it finds the events of
// different reports that tell one incident and merges them into one event
// that keeps every report's evidence, counts its sources and records why
// its reports were taken for one.
//
// It is pure: it reads events (as Reports, with their publication times)
// and the rules in data/dedupe.tsv, and returns groups, merged events and
// decisions; the store decides what to fetch and keep.
//
//   - Blocking: KeyOf gives an event's region (province, else country,
//     else anywhere when it has no place) and its window of days (its date
//     range plus Slack). Only events whose keys Meet are compared; ScopeOf
//     says which stored events a new one must be compared with, as one
//     indexed query.
//   - Match scores two events in [0, 1] from their type, mode, date,
//     place, actors and counts, and says which fields drove the score, or
//     which rule vetoed the pair (two districts, two named attackers, one
//     document).
//   - Cluster groups a batch; Join places one new report among the
//     incidents a store fetched. Both accept a pair only at
//     Rules.Threshold and join groups by average linkage with a veto on
//     every pair, so a chain A~B~C never joins A and C when they cannot be
//     one incident; a report that names no district joins an incident
//     only when it fits it clearly better than any other; both respect a
//     CannotLink set (an analyst's unmerge).
//   - Merge combines one incident's reports: the finest consistent place
//     and date, the most specific type, mode and actors, the fatalities'
//     median with a later report's higher toll raising it, and the links
//     that explain the merge. Its result and id depend only on the set of
//     reports.
//   - Fuse links an extracted event to the dataset records (UCDP, ACLED,
//     GTD) of its incident, scored by Match's rules: linked, never merged,
//     at most one record of each dataset, with the score and the fields
//     that drove it.
//
// Decisions the stage makes, each in the doc comment of its rule: events
// of one document are never merged here (the assembler read the document
// whole); imported dataset records are never merged (fusion links them);
// an event with no date, or dated only to a year, is never merged; an
// event with no place is compared across every region in its window,
// since in a cross-border conflict its actors' countries do not say where
// it was; a FIGHT and an ASSAULT may be one clash told from its two sides,
// but never when the ASSAULT's targets are civilians; a report that
// asserts an event and one that tells a claim of it are one event,
// asserted.
package dedupe
