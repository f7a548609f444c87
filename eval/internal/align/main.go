// Command align writes the gold alignment of GTD and UCDP GED records of
// Pakistan in the first quarter of 2021 (eval.Align's rules) from the shared
// data sets, for durand eval --format dedupe. Run it with `go generate ./eval`.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/eval"
	"github.com/durandhq/durand/gazetteer"
)

func main() {
	shared := flag.String("shared", "../shared/data", "the shared data folder")
	out := flag.String("out", "", "the alignment file to write")
	flag.Parse()
	if err := run(*shared, *out); err != nil {
		fmt.Fprintln(os.Stderr, "align:", err)
		os.Exit(1)
	}
}

func run(shared, out string) error {
	b, err := gazetteer.LoadBoundaries(data.FS)
	if err != nil {
		return err
	}
	district := func(lat, lon float64) string {
		_, _, d, _ := b.Locate(lat, lon)
		return d
	}
	from, to := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)
	gtd, err := eval.ReadGTDAlign(filepath.Join(shared, "gtd/gtd_2021Q1_AF_PK.csv"), "Pakistan", from, to, district)
	if err != nil {
		return err
	}
	ucdp, err := eval.ReadUCDPAlign(filepath.Join(shared, "ucdp/ged_pakistan_1989_2021Q1.csv"), from, to, district)
	if err != nil {
		return err
	}
	pairs, cands := eval.Align(gtd, ucdp)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	comments := []string{
		"Gold pairs of GTD and UCDP GED records of one incident, Pakistan, 2021-01-01..2021-03-31, aligned by their",
		"coded fields only; rules and counts in README.md. Written by `go generate ./eval`; do not edit.",
		fmt.Sprintf("%d GTD records, %d UCDP rows located to a district or finer, %d candidate pairs, %d pairs one-to-one.",
			len(gtd), len(ucdp), cands, len(pairs)),
	}
	if err := eval.WriteAlignment(f, comments, pairs); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
