package main

import "vigie/scenarios"

func init() {
	rootCmd.AddCommand(catalogCommand("scenarios", "List the bundled scenarios and the question each answers (--show NAME prints one)", "bundled scenario",
		func() ([][2]string, error) {
			var out [][2]string
			for _, b := range scenarios.Library() {
				out = append(out, [2]string{b.Name, b.Question})
			}
			return out, nil
		},
		scenarios.LibrarySource))
}
