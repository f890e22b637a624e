package facerec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTestFolder(t testing.TB, groups []string, perGroup int) (string, string) {
	t.Helper()
	dir := t.TempDir()
	labels, err := WriteFolder(dir, groups, perGroup)
	if err != nil {
		t.Fatal(err)
	}
	return dir, labels
}

func TestLoadFolder(t *testing.T) {
	groups := []string{"a", "b"}
	dir, labels := writeTestFolder(t, groups, 2)
	fo, err := LoadFolder(dir, labels, groups)
	if err != nil {
		t.Fatal(err)
	}
	if len(fo.identities) != 4 || len(fo.byGroup[1]) != 2 || len(fo.identities[0].files) != 3 {
		t.Fatalf("read %d identities, group b %d", len(fo.identities), len(fo.byGroup[1]))
	}
	good, _ := os.ReadFile(labels)
	first := strings.SplitN(string(good), "\n", 3)[1]
	notImage := filepath.Join(dir, "notes.png")
	os.WriteFile(notImage, []byte("not a picture"), 0o644)
	cases := []struct{ name, csv, want string }{
		{"no group column", "file,identity\nx.png,p\n", `labels.csv:1: the header has no "group" column`},
		{"unknown group", "file,identity,group\n" + strings.Replace(first, "a,", "z,", 1) + "\n", "labels.csv:2:"},
		{"empty identity", "file,identity,group\nsecret.png,,a\n", "labels.csv:2:2: identity is empty"},
		{"missing file", "file,identity,group\nnope.png,p,a\n", `labels.csv:2:1: file "nope.png"`},
		{"not an image", "file,identity,group\nnotes.png,p,a\n", `labels.csv:2:1: file "notes.png"`},
		{"one image", "group,identity,file,note\n" + first + "\n", "has 1 image; allowed: at least 2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "labels.csv")
			os.WriteFile(p, []byte(c.csv), 0o644)
			_, err := LoadFolder(dir, p, groups)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
	if _, err := LoadFolder(dir, filepath.Join(t.TempDir(), "none.csv"), groups); err == nil {
		t.Error("a missing labels file loaded")
	}
}
