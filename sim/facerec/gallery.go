package facerec

import (
	"fmt"
	"image"
	"slices"
	"strconv"

	"vigie/sim/recognition"
	"vigie/sim/recognizer"
)

// enrolledList is one watchlist's gallery: each member's custody photo and
// fillers up to the list's size, those the detector found.
type enrolledList struct {
	gallery *recognition.Gallery
	missed  int // enrolment photos in which no face was found
}

// citizenID and fillerID name gallery templates.
func citizenID(i int) string { return "c" + strconv.Itoa(i) }
func fillerID(k int) string  { return "f" + strconv.Itoa(k) }

// enrolLists builds the galleries of the watchlists; lists with the same
// members and size share one. Filler k is the same person on every list.
func enrolLists(p *pool, src FaceSource, lists []recognizer.Watchlist, maxGallery int) ([]*enrolledList, error) {
	out := make([]*enrolledList, len(lists))
	for i, l := range lists {
		if l.Size > maxGallery {
			return nil, fmt.Errorf("regime %s: a watchlist of %d is more than recognizer.max_gallery (%d) faces to render and enrol one by one; use the fitted recognizer for lists this large", l.Regime, l.Size, maxGallery)
		}
		for j := 0; j < i; j++ {
			if lists[j].Size == l.Size && slices.Equal(lists[j].Members, l.Members) {
				out[i] = out[j]
			}
		}
		if out[i] != nil || l.Size == 0 {
			if out[i] == nil {
				out[i] = &enrolledList{gallery: recognition.NewGallery(recognition.DescriptorDim)}
			}
			continue
		}
		fillers := max(0, l.Size-len(l.Members))
		n := len(l.Members) + fillers
		desc, found, err := p.describeAll(n, func(k int) (image.Image, error) {
			if k < len(l.Members) {
				return src.Enrolment(l.Members[k])
			}
			return src.Filler(k - len(l.Members))
		})
		if err != nil {
			return nil, err
		}
		e := &enrolledList{gallery: recognition.NewGallery(recognition.DescriptorDim)}
		e.gallery.Grow(n)
		e.gallery.Workers = 1 // worlds search in parallel; one search needs no more
		for k := 0; k < n; k++ {
			if !found[k] {
				e.missed++
				continue
			}
			id := fillerID(k - len(l.Members))
			if k < len(l.Members) {
				id = citizenID(l.Members[k])
			}
			if err := e.gallery.Add(id, desc[k][:]); err != nil {
				return nil, err
			}
		}
		out[i] = e
	}
	return out, nil
}
