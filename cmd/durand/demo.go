package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dataset"
	"github.com/durandhq/durand/demo"
	"github.com/durandhq/durand/store"
)

func newDemo() *cobra.Command {
	var db string
	var attribution, serveIt bool
	var lf listenFlags
	cmd := &cobra.Command{
		Use:   "demo [--db PATH] [--addr 127.0.0.1:8080] [--serve=false]",
		Short: "Build a demo database from the corpus inside the binary and serve the dashboard",
		Long: `Demo extracts the reports shipped in the binary (Wikipedia current-events items about Afghanistan and
Pakistan from 2025, CC BY-SA 4.0, and the seed op-ed), imports UCDP GED's Pakistan events (CC BY 4.0), and
stores them in --db (default durand-demo.db, so your own durand.db is left alone), then serves the dashboard
on --addr (127.0.0.1:8080) until interrupted; --serve=false stops after the summary. Running it again adds
nothing new. --attribution prints the corpus's sources and licences.

` + listenHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if attribution {
				fmt.Fprint(cmd.OutOrStdout(), demo.Attribution())
				return nil
			}
			var ln net.Listener
			if serveIt {
				// Before the build: a refused or busy address fails at once.
				var err error
				if ln, err = lf.listenOrFree(cmd); err != nil {
					return err
				}
				defer ln.Close()
			}
			st, err := buildDemo(cmd, db)
			if err != nil {
				return err
			}
			defer st.Close()
			if !serveIt {
				return nil
			}
			return runServe(cmd.Context(), cmd, st, ln, "", lf.hosts())
		},
	}
	cmd.Flags().StringVar(&db, "db", "durand-demo.db", "database file to build")
	cmd.Flags().BoolVar(&attribution, "attribution", false, "print the demo corpus's sources and licences and exit")
	cmd.Flags().BoolVar(&serveIt, "serve", true, "serve the dashboard after building")
	lf.add(cmd)
	return cmd
}

// buildDemo builds the demo database and prints a summary; it returns the
// open store.
func buildDemo(cmd *cobra.Command, db string) (store.Store, error) {
	start := time.Now()
	st, x, err := openWork(db)
	if err != nil {
		return nil, err
	}
	im, err := dataset.New(x, data.FS)
	if err != nil {
		st.Close()
		return nil, err
	}
	out := cmd.ErrOrStderr()
	res, err := demo.Build(cmd.Context(), st, x, im, out)
	if err != nil {
		st.Close()
		return nil, err
	}
	stats, err := st.Stats(cmd.Context())
	if err != nil {
		st.Close()
		return nil, err
	}
	summary(out, db, res, stats, time.Since(start))
	return st, nil
}

func summary(w io.Writer, db string, res demo.Result, s store.Stats, took time.Duration) {
	fmt.Fprintf(w, "durand demo: database %s built in %.1fs\n", db, took.Seconds())
	fmt.Fprintf(w, "  reports: %d stored now (%d events), %d stored before; %d problems\n",
		res.Ingest.Stored, res.Ingest.Events, res.Ingest.Skipped, res.Failed)
	fmt.Fprintf(w, "  UCDP GED Pakistan: %d records imported\n", res.Imported)
	fmt.Fprintf(w, "  in the database: %d documents, %d events (%d extracted by durand, %d from UCDP), %s to %s\n",
		s.Documents, s.Events, s.ByDataset["durand"], s.ByDataset["ucdp"], s.First.Format(time.DateOnly), s.Last.Format(time.DateOnly))
	self := selfCommand()
	fmt.Fprintf(w, "  try: %s events --db %s --dataset durand --actor PAK --format csv\n", self, db)
	fmt.Fprintf(w, "       %s events --db %s --text Waziristan --from 2020-01-01 --format geojson -o waziristan.geojson\n", self, db)
}

// selfCommand is how to run this durand again, as the suggestions print
// it: "durand" when that is on the PATH, "go run ./cmd/durand" when this
// is a binary go run built (a newcomer's first run, with nothing
// installed), else this binary's path.
func selfCommand() string {
	exe, err := os.Executable()
	if err != nil {
		return "durand"
	}
	if p, err := exec.LookPath("durand"); err == nil {
		if a, b := resolved(p), resolved(exe); a == b {
			return "durand"
		}
	}
	if strings.Contains(exe, string(filepath.Separator)+"go-build") {
		return "go run ./cmd/durand"
	}
	return exe
}

func resolved(path string) string {
	if p, err := filepath.EvalSymlinks(path); err == nil {
		return p
	}
	return path
}
