package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/store"
	"github.com/durandhq/durand/store/sqlite"
)

// defaultDB is the store used when neither --db nor DURAND_DB names one.
const defaultDB = "durand.db"

// dbFlag adds --db to cmd, defaulting to $DURAND_DB, else durand.db.
func dbFlag(cmd *cobra.Command, db *string) { dbFlagSet(cmd.Flags(), db) }

// dbFlagSet adds --db to fs, for the commands whose subcommands share it.
func dbFlagSet(fs *pflag.FlagSet, db *string) {
	def := os.Getenv("DURAND_DB")
	if def == "" {
		def = defaultDB
	}
	fs.StringVar(db, "db", def, "database: a SQLite file path (default from DURAND_DB, else durand.db)")
}

// openStore opens the store a --db value names.
func openStore(db string) (store.Store, error) { return openStoreWith(db, sqlite.Options{}) }

// openExisting opens the store a --db value names for reading, refusing a
// SQLite file that does not exist: opening one creates it, and a typo in
// the path then read as an empty database, printing nothing.
func openExisting(db string) (store.Store, error) {
	if !strings.Contains(db, "://") {
		if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("--db %s: no such database (durand ingest, durand import or durand demo makes one)", db)
		}
	}
	return openStore(db)
}

// openStoreWith is openStore with a SQLite store's options.
func openStoreWith(db string, opt sqlite.Options) (store.Store, error) {
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return nil, errors.New("--db " + db + ": the PostgreSQL store is not built yet; use a SQLite file path")
	}
	return sqlite.OpenWith(db, opt)
}

// openWork opens the store a --db value names and loads the extraction
// pipeline, for the commands that extract into a store; the store is
// closed again when the pipeline fails to load.
func openWork(db string) (store.Store, *pipeline.Extractor, error) {
	st, err := openStore(db)
	if err != nil {
		return nil, nil, err
	}
	x, err := newExtractor()
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, x, nil
}
