package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// FuzzLoad checks that no input makes the loader panic, and that every
// rejection is a positioned scenarios error rather than a bare one.
func FuzzLoad(f *testing.F) {
	for _, b := range Library() {
		src, _ := LibrarySource(b.Name)
		f.Add(src)
	}
	f.Add([]byte("name: x\npopulation: {size: -1}\nregimes: [none]\n"))
	f.Add([]byte("name: x\nregimes:\n  - name: r\n    threshold: 2\n"))
	f.Add([]byte("regimes: [mass]\nsweep: {parameters: [{path: regimes.mass.threshold, values: [0.5]}]}\n"))
	f.Add([]byte("- just\n- a list\n"))
	f.Add([]byte("name: [unclosed\n"))
	// Inputs past the limits: they must stay fast to fuzz from.
	f.Add([]byte(aliasBomb()))
	f.Add([]byte("name: " + strings.Repeat("[", 500) + "\n"))
	f.Add([]byte("\xEF\xBB\xBFname: x\nseed: 1.5\nhours: .nan\nregimes: [none]\n"))
	f.Add([]byte("name: x\x00\ndescription: caf\xe9\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := LoadBytes("fuzz.yaml", data)
		if err != nil {
			var e *Error
			var es Errors
			if !errors.As(err, &e) && !errors.As(err, &es) {
				t.Fatalf("unpositioned error type %T: %v", err, err)
			}
			return
		}
		if len(sc.File.Regimes) == 0 {
			t.Fatal("accepted a scenario without regimes")
		}
		for _, r := range sc.File.Regimes {
			if r.Inline == nil {
				t.Fatal("accepted scenario has an unresolved regime")
			}
		}
	})
}
