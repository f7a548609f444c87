// Package papers holds the runs that set durand's models beside the
// published studies of drone strikes and Taliban violence in Pakistan
// (docs/escalation.md, "Against published findings"). Its tests read the
// public lists from ../shared/data (evaluation only: never copied into
// the project) and run only with DURAND_PAPERS=1:
//
//	DURAND_PAPERS=1 go test ./escalation/internal/papers -v
//
// DURAND_SHARED names the shared data folder when it is not ../shared
// beside the checkout.
package papers
