package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durandhq/durand"
	"github.com/durandhq/durand/data"
	"github.com/durandhq/durand/dataset"
	"github.com/durandhq/durand/dedupe"
	"github.com/durandhq/durand/eval"
	"github.com/durandhq/durand/pipeline"
	"github.com/durandhq/durand/syntax"
)

func newEval() *cobra.Command {
	var format string
	var asJSON bool
	var misses, cameoPlover, names string
	var floors []string
	cmd := &cobra.Command{
		Use:   "eval --format seed|gtd|ucdp|petrarch|plover|news|dedupe|conllu [--json] [--floor FIELD=VALUE]... GOLD",
		Short: "Score extraction against gold data, field by field",
		Long: `Eval extracts events from a gold set's texts and scores them against its coding:
  seed  the seed op-ed's annotation (gold.json beside article.txt)
  gtd   a GTD CSV: summary text against province, city, coordinates, date, killed, wounded, perpetrator, attack type
  ucdp  a UCDP GED CSV: source_headline against deaths (low..high), province and the named side
  petrarch  PETRARCH2's unit-test records (JSON lines): expected source, target and CAMEO code, compared through
        PLOVER; the suite's PETR.Validate.{actors,agents}.txt beside it are loaded unless --actors is given,
        and its PETR.Validate.verbs.txt unless --verbs is; negated, future and hypothetical statements are
        reported (--unasserted), as PETRARCH codes them
  plover  PLOVER's gold-standard records (PLOVER_GSR_CAMEO.txt, CAMEO manual examples from every category):
        the category (read as current PLOVER), its source and target states and its dead; statements of
        intent are reported (--unasserted), as PLOVER codes them
  news  hand-annotated news items (CORPUS.gold.jsonl beside CORPUS.jsonl)
  dedupe  de-duplication and fusion; GOLD is the shared data folder (../shared/data). (a) the GTD 2021 Q1
        Pakistan summaries and the UCDP GED headlines of that quarter, extracted and clustered as text: pairwise
        precision and recall of the GTD-UCDP record pairs that share a cluster, against the alignment of their
        coded fields (eval/testdata/dedupe, go generate ./eval); (b) the seed op-ed (../seed/gold.json) whole
        and paragraph by paragraph as other outlets: each gold incident once, its paragraphs joined to it;
        (c) the 2025 current-events items (news/): the clusters of several items, listed for checking by hand;
        (d) fusion: events extracted from the GTD summaries linked to the imported UCDP records, scored against
        the same alignment
--floor FIELD=VALUE fails the run (exit 1) when a field scores below VALUE; CI uses it to catch regressions.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "conllu" {
				return evalTreebank(cmd, args[0], names, asJSON, floors)
			}
			if format == "petrarch" && len(actorFiles) == 0 {
				// The suite's fictional actors, from its own dictionaries.
				dir := filepath.Dir(args[0])
				actorFiles = []string{"phoenix:" + filepath.Join(dir, "PETR.Validate.actors.txt"), "phoenix:" + filepath.Join(dir, "PETR.Validate.agents.txt")}
			}
			if format == "petrarch" && len(verbFiles) == 0 {
				// and its verbs, as PETRARCH's own validation runs.
				verbFiles = []string{filepath.Join(filepath.Dir(args[0]), "PETR.Validate.verbs.txt")}
			}
			if format == "petrarch" || format == "plover" {
				// PETRARCH and PLOVER code statements of intent and conditionals
				// ("will break relations") as events; durand reports them
				// with their modality when asked.
				unasserted = true
			}
			x, err := newExtractor()
			if err != nil {
				return err
			}
			var rep *eval.Report
			switch format {
			case "seed":
				rep, err = eval.Seed(x, args[0])
			case "gtd":
				rep, err = eval.GTD(x, x.Lexicon(), args[0])
			case "ucdp":
				rep, err = eval.UCDP(x, x.Lexicon(), args[0])
			case "petrarch":
				if cameoPlover == "" {
					cameoPlover = filepath.Join(filepath.Dir(args[0]), "..", "plover", "CAMEO2PLOVER-2021.txt")
				}
				rep, err = eval.Petrarch(x, args[0], cameoPlover)
			case "plover":
				rep, err = eval.Plover(x, x.Lexicon(), args[0])
			case "news":
				rep, err = eval.News(x, x.Lexicon(), args[0])
			case "dedupe":
				rep, err = evalDedupe(x, args[0])
			default:
				return fmt.Errorf("--format %q: want seed, gtd, ucdp, petrarch, plover, news, dedupe or conllu", format)
			}
			if err != nil {
				return err
			}
			if misses != "" {
				if err := writeMisses(misses, rep); err != nil {
					return err
				}
			}
			out := cmd.OutOrStdout()
			if asJSON {
				err = rep.WriteJSON(out)
			} else {
				err = rep.WriteTable(out)
			}
			if err != nil {
				return err
			}
			return checkFloors(rep, floors)
		},
	}
	cmd.Flags().StringVar(&format, "format", "seed", "gold format: seed, gtd, ucdp, petrarch, plover, news (CORPUS.gold.jsonl beside CORPUS.jsonl), dedupe (the shared data folder) or conllu (a treebank)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "write the report as JSON")
	cmd.Flags().StringVar(&cameoPlover, "cameo-plover", "", "petrarch: the CAMEO-to-PLOVER table (default: ../plover/CAMEO2PLOVER-2021.txt beside the gold file)")
	cmd.Flags().StringVar(&misses, "misses", "", "write every record a field scored wrong (field, want, got, text) to this JSON-lines file")
	cmd.Flags().StringVar(&names, "names", "", "conllu: the UNER file (IOB2) of names to score (default: found beside the treebank)")
	cmd.Flags().StringArrayVar(&floors, "floor", nil, "FIELD=VALUE: fail when FIELD scores below VALUE")
	return cmd
}

func checkFloors(rep *eval.Report, floors []string) error {
	var low []string
	for _, f := range floors {
		i := strings.LastIndexByte(f, '=')
		if i < 0 {
			return fmt.Errorf("--floor %q: want FIELD=VALUE", f)
		}
		want, err := strconv.ParseFloat(f[i+1:], 64)
		if err != nil {
			return fmt.Errorf("--floor %q: %w", f, err)
		}
		s := rep.Get(f[:i])
		if s.Total == 0 {
			return fmt.Errorf("--floor %q: no field %q in the report", f, f[:i])
		}
		if s.Value < want {
			low = append(low, fmt.Sprintf("%s %.3f < %.3f", s.Field, s.Value, want))
		}
	}
	if len(low) > 0 {
		return fmt.Errorf("below floor: %s", strings.Join(low, "; "))
	}
	return nil
}

// writeMisses writes the report's misses to path, replacing it whole: a
// temporary file renamed into place, so a failed run leaves no half file.
func writeMisses(path string, rep *eval.Report) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".misses-*")
	if err != nil {
		return fmt.Errorf("--misses: %w", err)
	}
	defer os.Remove(f.Name())
	w := bufio.NewWriter(f)
	if err := rep.WriteMisses(w); err != nil {
		f.Close()
		return fmt.Errorf("--misses %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("--misses %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--misses %s: %w", path, err)
	}
	return os.Rename(f.Name(), path)
}

// evalDedupe scores de-duplication and fusion on the sets under the shared
// data folder, importing UCDP records as durand import does.
func evalDedupe(x *pipeline.Extractor, shared string) (*eval.Report, error) {
	ru, err := dedupe.Load(data.FS)
	if err != nil {
		return nil, err
	}
	im, err := dataset.New(x, data.FS)
	if err != nil {
		return nil, err
	}
	sets := eval.DedupeDefaults(shared)
	sets.ImportUCDP = func(path string) ([]durand.Event, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		var evs []durand.Event
		err = im.Read("ucdp", f, path, func(e durand.Event) error { evs = append(evs, e); return nil }, func(error) {})
		return evs, err
	}
	return eval.Dedupe(x, ru, sets)
}

// evalTreebank scores the embedded syntactic model on a treebank.
func evalTreebank(cmd *cobra.Command, path, names string, asJSON bool, floors []string) error {
	m, err := syntax.Default()
	if err != nil {
		return err
	}
	if names == "" {
		names = eval.NamesBeside(path)
	}
	rep, err := eval.Treebank(m, path, names)
	if err != nil {
		return err
	}
	if asJSON {
		err = rep.WriteJSON(cmd.OutOrStdout())
	} else {
		err = rep.WriteTable(cmd.OutOrStdout())
	}
	if err != nil {
		return err
	}
	return checkFloors(rep, floors)
}
