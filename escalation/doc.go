// Package escalation answers the questions reports about a conflict argue
// about: who retaliates against whom and how fast, whether a strike
// deterred or provoked, what is likely next. Its models are pure
// functions of event series: they take occurrences (events reduced to a
// day, two sides, a type, a place and a toll) or the daily and weekly
// series binned from them, with options, and return estimates with their
// uncertainty. Nothing here reads a store; the caller selects the events.
package escalation
