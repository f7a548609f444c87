package dataset_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/store/sqlite"
)

const ucdpFile = "../../shared/data/ucdp/ged_pakistan_1989_2021Q1.csv"

// BenchmarkImportUCDP is `durand import --format ucdp` on the 6,273-row
// Pakistan file: parse, map, and store in a fresh database.
func BenchmarkImportUCDP(b *testing.B) {
	raw, err := os.ReadFile(ucdpFile)
	if err != nil {
		b.Skipf("UCDP file not beside the checkout: %v", err)
	}
	b.SetBytes(int64(len(raw)))
	rows := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := sqlite.Open(filepath.Join(b.TempDir(), "u.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rows, err = im.Import(context.Background(), st, "ucdp", bytes.NewReader(raw), "ucdp.csv", func(err error) { b.Error(err) })
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkMapUCDP is the mapping alone, without the store.
func BenchmarkMapUCDP(b *testing.B) {
	raw, err := os.ReadFile(ucdpFile)
	if err != nil {
		b.Skipf("UCDP file not beside the checkout: %v", err)
	}
	b.SetBytes(int64(len(raw)))
	n := 0
	for i := 0; i < b.N; i++ {
		n = 0
		err = im.Read("ucdp", bytes.NewReader(raw), "ucdp.csv", func(e durand.Event) error { n++; return nil }, func(err error) { b.Error(err) })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
