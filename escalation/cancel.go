package escalation

import "context"

// cancelEvery is how many iterations of a model's resampling loop (null
// draws, bootstrap replicates, placebos, simulated paths) pass between
// looks at its context: a look is an atomic load, but an iteration on a
// short series takes well under a microsecond, and a caller waiting on a
// deadline does not notice eight of them.
const cancelEvery = 8

// cancelled is ctx's error on every cancelEvery-th iteration i (the
// first included), nil on the others and for a nil ctx: the models take
// a nil Context in their options as one never cancelled.
func cancelled(ctx context.Context, i int) error {
	if ctx == nil || i%cancelEvery != 0 {
		return nil
	}
	return ctx.Err()
}
