package main

import (
	"io"

	"github.com/durandhq/durand/escalation"
)

// writeAnalysisJSON writes v, an analysis result, as escalation.MarshalResult
// encodes it: the one form the command and the API share.
func writeAnalysisJSON(w io.Writer, v any) error {
	b, err := escalation.MarshalResult(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// analysisDate is a day number as an ISO date.
func analysisDate(day int) string { return escalation.DateOf(day).Format("2006-01-02") }
