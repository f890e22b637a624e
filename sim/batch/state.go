package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// State is where a point stands.
type State int

const (
	Missing State = iota // never run, or stopped before it finished
	Running              // a process has said it is running it
	Failed               // the last attempt failed; error.txt says why
	Done                 // finished: done.json is there
)

func (s State) String() string {
	return [...]string{"missing", "running", "failed", "done"}[s]
}

// Marker is what done.json and running.json hold.
type Marker struct {
	Host    string  `json:"host"`
	PID     int     `json:"pid"`
	Started string  `json:"started"`
	Seconds float64 `json:"seconds,omitempty"`
}

// PointState reads point i's state and, for a failed point, its error;
// for a running one, who runs it.
func PointState(dir string, i int) (State, string) {
	pd := PointDir(dir, i)
	if exists(filepath.Join(pd, DoneFile)) {
		return Done, ""
	}
	if data, err := os.ReadFile(filepath.Join(pd, RunningFile)); err == nil {
		var m Marker
		if json.Unmarshal(data, &m) != nil {
			return Running, ""
		}
		if host, _ := os.Hostname(); m.Host == host && !alive(m.PID) {
			// Killed outright (SIGKILL, a node's reboot) before it could
			// clean up: nothing runs the point.
			return Missing, fmt.Sprintf("pid %d on %s died while running it", m.PID, m.Host)
		}
		return Running, fmt.Sprintf("on %s, pid %d, since %s", m.Host, m.PID, m.Started)
	}
	if data, err := os.ReadFile(filepath.Join(pd, ErrorFile)); err == nil {
		return Failed, strings.TrimSpace(string(data))
	}
	return Missing, ""
}

// alive says whether a process of this machine still exists.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EPERM)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Census counts the plan's points by state.
type Census struct {
	Done, Running, Failed, Missing []int
	// Errors holds each failed point's error, by index.
	Errors map[int]string
}

// Take reads every point's state.
func Take(dir string, p Plan) Census {
	c := Census{Errors: map[int]string{}}
	for _, pt := range p.Points {
		s, detail := PointState(dir, pt.Index)
		switch s {
		case Done:
			c.Done = append(c.Done, pt.Index)
		case Running:
			c.Running = append(c.Running, pt.Index)
		case Failed:
			c.Failed = append(c.Failed, pt.Index)
			c.Errors[pt.Index] = detail
		default:
			c.Missing = append(c.Missing, pt.Index)
		}
	}
	return c
}

// Complete says whether every point is done.
func (c Census) Complete() bool {
	return len(c.Running)+len(c.Failed)+len(c.Missing) == 0
}

// Ranges writes indices as compact ranges: "0-3,7,9-10", the form Slurm's
// --array takes.
func Ranges(idx []int) string {
	var parts []string
	for k := 0; k < len(idx); {
		j := k
		for j+1 < len(idx) && idx[j+1] == idx[j]+1 {
			j++
		}
		if j == k {
			parts = append(parts, fmt.Sprint(idx[k]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", idx[k], idx[j]))
		}
		k = j + 1
	}
	return strings.Join(parts, ",")
}
