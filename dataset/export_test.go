package dataset

// SetMaxLine sets the longest JSON line readJSONL reads, and returns the
// function that restores it.
func SetMaxLine(n int) (restore func()) {
	old := maxLine
	maxLine = n
	return func() { maxLine = old }
}
