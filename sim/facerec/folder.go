package facerec

import (
	"encoding/csv"
	"errors"
	"fmt"
	"image"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"vigie/city"
	"vigie/internal/regularfile"
	"vigie/metrics"
	"vigie/sim/recognition"
)

// Folder is a researcher's set of face images: a folder and a CSV with
// columns file, identity and group (extra columns are ignored). It is read
// once; the citizens of each group then take the group's identities.
type Folder struct {
	dir        string
	groups     []string
	identities []folderIdentity
	byGroup    [][]int // group index -> identity indexes, by label
}

type folderIdentity struct {
	label string
	group int
	files []string // paths inside the folder, sorted; the first is the enrolment photograph
}

// Limits on a faces folder's labels file: each row is an image decoded
// whole at the check, so rows cost time as well as memory.
const (
	MaxLabelsBytes  = 64 << 20
	MaxFolderImages = 100_000
)

// LoadFolder reads and checks the labels CSV: every listed file exists and
// decodes as an image, every group is one of the population's, and every
// identity has at least two images (an enrolment and a probe).
func LoadFolder(dir, labels string, groups []string) (*Folder, error) {
	f, err := regularfile.Open(labels)
	if err != nil {
		return nil, fmt.Errorf("faces labels %s: %w", labels, err)
	}
	defer f.Close()
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("faces folder: %w", err)
	}
	defer root.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxLabelsBytes {
		return nil, fmt.Errorf("%s: is %d bytes; allowed: at most %d (facerec.MaxLabelsBytes)", labels, st.Size(), MaxLabelsBytes)
	}
	r := csv.NewReader(io.LimitReader(f, MaxLabelsBytes))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s:1: reading the header: %v; allowed: a CSV whose header names the columns file, identity and group", labels, err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF") // a byte-order mark from a spreadsheet
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.ToLower(h))] = i
	}
	for _, need := range []string{"file", "identity", "group"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s:1: the header has no %q column (it has %s); allowed: columns file, identity, group in any order", labels, need, strings.Join(header, ", "))
		}
	}
	groupIndex := map[string]int{}
	for i, g := range groups {
		groupIndex[g] = i
	}
	rows, err := readRows(r, labels)
	if err != nil {
		return nil, err
	}
	byLabel := map[string]*folderIdentity{}
	for _, row := range rows {
		rec, line := row.fields, row.line
		field := func(name string) (string, error) {
			i := col[name]
			if i >= len(rec) || strings.TrimSpace(rec[i]) == "" {
				return "", fmt.Errorf("%s:%d:%d: %s is empty; allowed: a non-empty value", labels, line, i+1, name)
			}
			return strings.TrimSpace(rec[i]), nil
		}
		file, err := field("file")
		if err != nil {
			return nil, err
		}
		label, err := field("identity")
		if err != nil {
			return nil, err
		}
		group, err := field("group")
		if err != nil {
			return nil, err
		}
		g, ok := groupIndex[group]
		if !ok {
			return nil, fmt.Errorf("%s:%d:%d: group %q is not one of the scenario's population groups; allowed: %s", labels, line, col["group"]+1, group, strings.Join(groups, ", "))
		}
		if err := checkImage(root, file); err != nil {
			return nil, fmt.Errorf("%s:%d:%d: file %q: %v; allowed: a PNG or JPEG image inside %s", labels, line, col["file"]+1, file, err, dir)
		}
		path := filepath.Clean(file)
		id := byLabel[label]
		if id == nil {
			id = &folderIdentity{label: label, group: g}
			byLabel[label] = id
		}
		if id.group != g {
			return nil, fmt.Errorf("%s:%d:%d: identity %q is in group %q here but %q above; allowed: one group per identity", labels, line, col["group"]+1, label, group, groups[id.group])
		}
		id.files = append(id.files, path)
	}
	fo := &Folder{dir: dir, groups: groups, byGroup: make([][]int, len(groups))}
	for _, label := range sortedLabels(byLabel) {
		id := byLabel[label]
		if len(id.files) < 2 {
			return nil, fmt.Errorf("%s: identity %q has %d image; allowed: at least 2 (one enrolled, one searched)", labels, label, len(id.files))
		}
		sort.Strings(id.files)
		fo.byGroup[id.group] = append(fo.byGroup[id.group], len(fo.identities))
		fo.identities = append(fo.identities, *id)
	}
	if len(fo.identities) == 0 {
		return nil, fmt.Errorf("%s: no images listed; allowed: one row per image", labels)
	}
	return fo, nil
}

// labelRow is one row of the labels file and its line.
type labelRow struct {
	fields []string
	line   int
}

// readRows reads every row before any image is decoded, so that a file
// past MaxFolderImages fails at once rather than after decoding that many.
func readRows(r *csv.Reader, labels string) ([]labelRow, error) {
	var rows []labelRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			// A parse error carries its own line; FieldPos would panic, as
			// no record was read.
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d:%d: %v", labels, pe.Line, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("%s: %v", labels, err)
		}
		line, _ := r.FieldPos(0)
		if len(rows) == MaxFolderImages {
			return nil, fmt.Errorf("%s:%d: is image number %d; allowed: at most %d (facerec.MaxFolderImages); the fitted recognizer needs a sample, not a whole data set", labels, line, len(rows)+1, MaxFolderImages)
		}
		rows = append(rows, labelRow{rec, line})
	}
}

func sortedLabels(m map[string]*folderIdentity) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkImage checks a row's file: a path that stays inside the folder
// (through symbolic links too: the root refuses any that leave it), a
// regular file, and an image that decodes whole within the size limits, so
// that a truncated file is reported here with its line rather than in the
// middle of a run.
func checkImage(root *os.Root, file string) error {
	if !filepath.IsLocal(file) {
		return errors.New("reaches outside the folder (an absolute path or one through ..)")
	}
	_, err := decodeIn(root, file)
	return err
}

// decodeIn decodes the image at a path inside root.
func decodeIn(root *os.Root, file string) (image.Image, error) {
	f, err := regularfile.OpenWith(func(flag int) (*os.File, error) { return root.OpenFile(file, flag, 0) })
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
		return nil, err
	}
	defer f.Close()
	return recognition.DecodeImage(f)
}

// Source gives the folder's faces to a built city: the citizens of each
// group, in order, take the group's identities in even blocks, so citizens
// sampled evenly across a group get distinct identities. With distinct
// true (exact and cached, which search citizens' own faces) a group needs
// at least as many identities as citizens, and identities left over are
// the watchlists' fillers.
func (fo *Folder) Source(c *city.City, distinct bool) (FaceSource, error) {
	count := make([]int, len(fo.byGroup))
	for _, cz := range c.Citizens {
		if int(cz.Group) < len(count) {
			count[cz.Group]++
		}
	}
	s := &folderSource{fo: fo, assign: make([]int, len(c.Citizens))}
	for g, n := range count {
		have := len(fo.byGroup[g])
		switch {
		case n > 0 && have == 0:
			return nil, fmt.Errorf("the faces folder has no identity of group %s, which has %d citizens", fo.groups[g], n)
		case distinct && n > have:
			return nil, fmt.Errorf("the faces folder has %d identities of group %s for its %d citizens; exact and cached need one face per citizen (use fitted, which needs only a sample)", have, fo.groups[g], n)
		}
		if distinct {
			s.fillers = append(s.fillers, fo.byGroup[g][n:]...)
		}
	}
	seen := make([]int, len(count))
	for i, cz := range c.Citizens {
		g := int(cz.Group)
		ids := fo.byGroup[g]
		s.assign[i] = ids[seen[g]*len(ids)/max(1, count[g])]
		if distinct {
			s.assign[i] = ids[seen[g]]
		}
		seen[g]++
	}
	return s, nil
}

type folderSource struct {
	fo      *Folder
	assign  []int // citizen -> identity
	fillers []int
}

// Name is "folder": the folder's own name, which may say whose faces they
// are, stays out of the outputs.
func (s *folderSource) Name() string { return metrics.FacesFolder }

// Probe is one of the identity's images other than its enrolment; the
// sighting's conditions cannot change a photograph, so they are ignored.
func (s *folderSource) Probe(i int, _ city.Conditions, variant uint64) (image.Image, error) {
	files := s.fo.identities[s.assign[i]].files
	return s.fo.decode(files[1+int(variant%uint64(len(files)-1))])
}

func (s *folderSource) Enrolment(i int) (image.Image, error) {
	return s.fo.decode(s.fo.identities[s.assign[i]].files[0])
}

func (s *folderSource) Filler(k int) (image.Image, error) {
	if k >= len(s.fillers) {
		return nil, fmt.Errorf("the faces folder has %d identities left over for watchlist fillers; a list needs more (make the list smaller or the folder larger)", len(s.fillers))
	}
	return s.fo.decode(s.fo.identities[s.fillers[k]].files[0])
}

// decode decodes one of the folder's images; the folder is opened as a
// root again so that a link swapped in after the check still cannot leave it.
func (fo *Folder) decode(file string) (image.Image, error) {
	root, err := os.OpenRoot(fo.dir)
	if err != nil {
		return nil, fmt.Errorf("faces folder: %w", err)
	}
	defer root.Close()
	img, err := decodeIn(root, file)
	if err != nil {
		return nil, fmt.Errorf("faces folder, file %q: %w", file, err)
	}
	return img, nil
}
