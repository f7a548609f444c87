package main

import (
	"github.com/spf13/cobra"
)

func newEval() *cobra.Command {
	return &cobra.Command{Use: "eval", Short: "Score extraction against gold data"}
}
