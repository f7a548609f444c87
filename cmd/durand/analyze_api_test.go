package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/durandhq/durand/serve"
	"github.com/durandhq/durand/store/sqlite"
)

// TestAnalyzeSameAsAPI checks that the API's escalation endpoints answer
// byte for byte what `durand analyze --format json` writes for the same
// selection and options.
func TestAnalyzeSameAsAPI(t *testing.T) {
	db := synthDB(t)
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(serve.Handler(st, serve.Options{}))
	defer srv.Close()
	for _, c := range []struct {
		name  string
		args  []string
		query string
	}{
		{"retaliation", []string{"retaliation", "--a", "TTP", "--b", "PAK", "--draws", "99", "--boot", "99"},
			"/api/escalation/retaliation?a=TTP&b=PAK&draws=99&boot=99"},
		{"retaliation filtered", []string{"retaliation", "--a", "PAK", "--b", "TTP", "--from", "2011-01-01", "--to", "2013-12-31", "--within", "2,7", "--look-back", "--draws", "99", "--boot", "99", "--seed", "5"},
			"/api/escalation/retaliation?a=PAK&b=TTP&from=2011-01-01&to=2013-12-31&within=2,7&look_back=true&draws=99&boot=99&seed=5"},
		{"eventstudy", []string{"eventstudy", "--shock", "source=PAK", "--outcome", "source=TTP", "--weekly", "--before", "4", "--after", "4", "--keep-overlapping", "--placebos", "99", "--coarsest", "month"},
			"/api/escalation/eventstudy?shock=source=PAK&outcome=source=TTP&weekly=true&before=4&after=4&keep_overlapping=1&placebos=99&coarsest=month"},
		{"hawkes", []string{"hawkes", "--side", "PAK", "--side", "TTP", "--draws", "20", "--paths", "4"},
			"/api/escalation/hawkes?side=PAK&side=TTP&draws=20&paths=4"},
		{"hawkes softplus", []string{"hawkes", "--side", "TTP", "--side", "PAK", "--link", "softplus", "--where", "place=Khyber Pakhtunkhwa",
			"--horizon", "14", "--counterfactual", "PAK>TTP", "--counterfactual", "TTP>PAK", "--draws", "10", "--paths", "3", "--seed", "7", "--from", "2011-01-01"},
			"/api/escalation/hawkes?side=TTP&side=PAK&link=softplus&where=place%3DKhyber+Pakhtunkhwa&horizon=14&counterfactual=PAK%3ETTP&counterfactual=TTP%3EPAK&draws=10&paths=3&seed=7&from=2011-01-01"},
		{"hawkes observed", []string{"hawkes", "--side", "PAK", "--side", "TTP", "--counterfactual", "TTP>PAK", "--observed", "--min-events", "30", "--draws", "5", "--paths", "2"},
			"/api/escalation/hawkes?side=PAK&side=TTP&counterfactual=TTP%3EPAK&observed=true&min_events=30&draws=5&paths=2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cli, stderr, err := run(t, "", append(append([]string{"analyze"}, c.args...), "--db", db, "--format", "json")...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			r, err := http.Get(srv.URL + c.query)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Body.Close()
			api, err := io.ReadAll(r.Body)
			if err != nil {
				t.Fatal(err)
			}
			if r.StatusCode != 200 || string(api) != cli {
				t.Errorf("the API (%d) and the command differ:\nAPI: %.2000s\ncommand: %.2000s", r.StatusCode, api, cli)
			}
		})
	}
}

// interruptedContext is a context that reads as cancelled (Err) but
// whose Done never closes: the store, which waits on Done, reads the
// events, and the models, which look at Err between iterations, stop.
// It is an interrupt that comes after the events were read.
type interruptedContext struct{ context.Context }

func (interruptedContext) Err() error { return context.Canceled }

// TestAnalyzeInterrupted checks that an analysis whose context (main's,
// cancelled on SIGINT or SIGTERM) is cancelled after the events were
// read stops with context.Canceled and writes no report; that the
// models' loops stop soon is held in package escalation
// (TestModelsCancel).
func TestAnalyzeInterrupted(t *testing.T) {
	db := synthDB(t)
	for _, args := range [][]string{
		{"retaliation", "--a", "PAK", "--b", "TTP"},
		{"eventstudy", "--shock", "source=PAK", "--outcome", "source=TTP", "--keep-overlapping"},
		{"hawkes", "--side", "PAK", "--side", "TTP"},
		{"claims", "--a", "PAK", "--b", "TTP", "--keep-overlapping"},
	} {
		cmd := newRoot()
		var out bytes.Buffer
		cmd.SetOut(&out)
		cmd.SetErr(io.Discard)
		cmd.SetArgs(append([]string{"analyze", "--db", db}, args...))
		err := cmd.ExecuteContext(interruptedContext{context.Background()})
		if !errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "read events") || out.Len() > 0 {
			t.Errorf("%s interrupted: %v, want context.Canceled from the model; wrote %q", args[0], err, out.String())
		}
	}
}
