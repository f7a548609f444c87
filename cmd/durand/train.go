package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand/syntax"
)

func newTrain() *cobra.Command {
	var opts syntax.TrainOptions
	var out string
	cmd := &cobra.Command{
		Use:   "train [--ud DIR] [--out DIR]",
		Short: "Train the syntactic layer (tagger, parser, name tagger) from the UD treebanks",
		Long: `Train trains the part-of-speech tagger, the dependency parser and the name tagger on UD
English-EWT's training file (and GUM's, with --gum) and UNER English-EWT's, writes the model to
DIR/` + syntax.ModelFile + ` and scores it on EWT's development file. The same data and --seed give the
same file byte for byte. Rebuild the binary afterwards: the model is embedded.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			stderr := cmd.ErrOrStderr()
			start := time.Now()
			opts.Log = func(format string, a ...any) {
				fmt.Fprintf(stderr, "%6.1fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, a...))
			}
			m, err := syntax.Train(opts)
			if err != nil {
				return fmt.Errorf("train: %w", err)
			}
			path := filepath.Join(out, syntax.ModelFile)
			if err := writeModel(path, m); err != nil {
				return err
			}
			fi, err := os.Stat(path)
			if err != nil {
				return err
			}
			opts.Log("wrote %s, %d bytes", path, fi.Size())
			dev, err := readConllu(filepath.Join(opts.Dir, "ewt", "en_ewt-ud-dev.conllu"))
			if err != nil {
				return err
			}
			s := m.Evaluate(dev)
			opts.Log("EWT dev: UPOS %.2f UAS %.2f LAS %.2f", pct(s.UPOS, s.Words), pct(s.UAS, s.Words), pct(s.LAS, s.Words))
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Dir, "ud", "../shared/data/ud", "the treebanks: ewt/, uner/ and gum/")
	cmd.Flags().StringVar(&out, "out", "syntax/model", "the folder to write "+syntax.ModelFile+" to")
	cmd.Flags().BoolVar(&opts.GUM, "gum", true, "train the tagger and parser on GUM's files too")
	cmd.Flags().Uint64Var(&opts.Seed, "seed", 1, "the seed of the training order")
	cmd.Flags().Float64Var(&opts.Prune, "prune", 0, "drop averaged weights of smaller magnitude (0: the default)")
	cmd.Flags().IntVar(&opts.TagEpochs, "tag-epochs", 0, "tagger epochs (0: the default)")
	cmd.Flags().IntVar(&opts.ParseEpochs, "parse-epochs", 0, "parser epochs (0: the default)")
	cmd.Flags().IntVar(&opts.NameEpochs, "name-epochs", 0, "name tagger epochs (0: the default)")
	return cmd
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// writeModel writes m to path whole: a temporary file renamed into place.
func writeModel(path string, m *syntax.Model) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".model-*")
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	defer os.Remove(f.Name())
	if err := m.Write(f); err != nil {
		f.Close()
		return fmt.Errorf("write model %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write model %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("write model %s: %w", path, err)
	}
	return os.Rename(f.Name(), path)
}

func readConllu(path string) ([]syntax.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := syntax.ReadCoNLLU(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
