package main

import "vigie/scenarios"

func init() {
	rootCmd.AddCommand(catalogCommand("regimes", "List the built-in policy regimes (--show NAME prints one's YAML)", "built-in regime",
		func() ([][2]string, error) {
			var out [][2]string
			for _, name := range scenarios.BuiltinNames() {
				r, err := scenarios.Builtin(name)
				if err != nil {
					return nil, err
				}
				out = append(out, [2]string{r.Name, r.Description})
			}
			return out, nil
		},
		func(name string) ([]byte, bool) {
			src, err := scenarios.BuiltinSource(name)
			return src, err == nil
		}))
}
