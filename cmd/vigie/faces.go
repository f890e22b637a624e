package main

import "github.com/spf13/cobra"

// facesCmd groups the commands that work on face images: the recognition
// pipeline's (embed, compare) and the synthetic generator's (sample, sheet, audit).
// Each of those files adds its subcommands to it in an init function.
var facesCmd = &cobra.Command{
	Use:   "faces",
	Short: "Work with face images: embed, compare, generate, audit",
}

func init() { rootCmd.AddCommand(facesCmd) }
