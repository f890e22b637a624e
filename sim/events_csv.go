package sim

import (
	"bufio"
	"io"
	"strconv"

	"vigie/internal/csvcell"
)

// EventsHeader is the header of events.csv, one row per event.
var EventsHeader = []string{"regime", "minute", "event", "citizen", "group", "camera", "detected", "alert",
	"correct", "confirmed", "face_px", "yaw_deg", "light"}

// WriteEvents writes every world's events as CSV, regime by regime, each in
// the order it happened. It writes by hand rather than with encoding/csv
// because a run can hold millions of rows; the only text fields that come
// from the scenario, the regime and group names, go through csvcell.
func (e *Engine) WriteEvents(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	for i, h := range EventsHeader {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString(h)
	}
	bw.WriteByte('\n')
	buf := make([]byte, 0, 256)
	for _, wd := range e.worlds {
		name := wd.rules.Regime.Name
		for _, ev := range wd.events {
			buf = e.appendEvent(buf[:0], name, ev)
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

func (e *Engine) appendEvent(b []byte, regime string, ev Event) []byte {
	b = csvcell.AppendText(b, regime)
	b = append(b, ',')
	b = strconv.AppendFloat(b, ev.Minute, 'f', 2, 64)
	b = append(b, ',')
	b = append(b, ev.Kind.String()...)
	b = append(b, ',')
	group := ""
	if ev.Citizen >= 0 {
		b = strconv.AppendInt(b, int64(ev.Citizen), 10)
		group = e.groups[e.city.Citizens[ev.Citizen].Group]
	}
	b = append(b, ',')
	b = csvcell.AppendText(b, group)
	b = append(b, ',')
	if ev.Camera >= 0 {
		b = strconv.AppendInt(b, int64(ev.Camera), 10)
	}
	for _, f := range []bool{ev.Detected, ev.Alert, ev.Correct, ev.Confirmed} {
		b = append(b, ',')
		b = strconv.AppendBool(b, f)
	}
	b = append(b, ',')
	if ev.Kind == EvSighting {
		b = strconv.AppendFloat(b, float64(ev.FacePx), 'f', 1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, float64(ev.YawDeg), 'f', 1, 64)
		b = append(b, ',')
		b = append(b, ev.Light.String()...)
	} else {
		b = append(b, ',', ',') // three empty fields
	}
	return append(b, '\n')
}
