package facerec

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"

	"vigie/city/faces"
	"vigie/internal/atomicfile"
)

// WriteFolder writes a folder in the researcher's format from generated
// faces (no real face): perGroup identities per group, three frontal
// images each at slightly different yaws, and labels.csv beside them. It
// is for trying the folder source and for tests; it returns the CSV's path.
func WriteFolder(dir string, groups []string, perGroup int) (string, error) {
	var csv strings.Builder
	csv.WriteString("group,identity,file\n")
	for g, name := range groups {
		for k := 0; k < perGroup; k++ {
			label := fmt.Sprintf("person-%d-%d", g, k)
			id := faces.NewIdentity(uint64(1000*g+k), faces.Attributes{Age: 25 + 5*(k%10), Sex: faces.Sex(k % 2), MonkTone: min(10, 1+3*g)})
			for shot := 0; shot < 3; shot++ {
				c, _ := faces.Conditions("frontal")
				c.YawDeg, c.NoiseSeed = float64(8*shot-8), uint64(shot)
				img, _ := faces.Render(id, c)
				file := fmt.Sprintf("%s_shot%d.png", label, shot)
				w, err := os.Create(filepath.Join(dir, file))
				if err != nil {
					return "", err
				}
				err = png.Encode(w, img)
				if cerr := w.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					return "", err
				}
				fmt.Fprintf(&csv, "%s,%s,%s\n", name, label, file)
			}
		}
	}
	labels := filepath.Join(dir, "labels.csv")
	return labels, atomicfile.Write(labels, []byte(csv.String()))
}
