package eval

//go:generate go run ./internal/align -shared ../../shared/data -out testdata/dedupe/align_gtd_ucdp_pak_2021q1.tsv
