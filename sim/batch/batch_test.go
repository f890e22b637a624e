package batch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"vigie/internal/atomicfile"
)

func testPlan(n int) Plan {
	p := Plan{VigieVersion: "test", Scenario: ScenarioRef{Name: "t", SHA256: "abc"}, Parameters: []string{"x"}}
	for i := range n {
		p.Points = append(p.Points, Point{Index: i, Seed: uint64(i % 2), Values: []any{float64(i / 2)}})
	}
	return p
}

func TestWritePlanIsIdempotentAndRefusesAnother(t *testing.T) {
	dir := t.TempDir()
	p := testPlan(4)
	if err := WritePlan(dir, p, []byte("name: t\n")); err != nil {
		t.Fatal(err)
	}
	// A finished point survives planning the same sweep again.
	os.MkdirAll(PointDir(dir, 1), 0o755)
	atomicfile.Write(filepath.Join(PointDir(dir, 1), DoneFile), []byte("{}\n"))
	if err := WritePlan(dir, p, []byte("name: t\n")); err != nil {
		t.Fatalf("same plan again: %v", err)
	}
	if st, _ := PointState(dir, 1); st != Done {
		t.Errorf("point 1 is %v after planning again, want done", st)
	}
	other := testPlan(5)
	if err := WritePlan(dir, other, []byte("name: t\n")); !errors.Is(err, ErrOtherPlan) {
		t.Errorf("another plan over it: err = %v, want ErrOtherPlan", err)
	}
	got, src, err := ReadPlan(dir)
	if err != nil || string(src) != "name: t\n" || len(got.Points) != 4 {
		t.Fatalf("ReadPlan: %d points, %q, %v", len(got.Points), src, err)
	}
}

func TestSelect(t *testing.T) {
	for _, tc := range []struct {
		n, index int
		shard    string
		want     []int
		err      string
	}{
		{5, -1, "", []int{0, 1, 2, 3, 4}, ""},
		{5, 3, "", []int{3}, ""},
		{5, 5, "", nil, "points 0 to 4"},
		{7, -1, "1/3", []int{0, 3, 6}, ""},
		{7, -1, "3/3", []int{2, 5}, ""},
		{2, -1, "3/3", nil, ""},
		{7, -1, "0/3", nil, "K/N"},
		{7, -1, "4/3", nil, "K/N"},
		{7, -1, "a/b", nil, "K/N"},
		{7, 1, "1/3", nil, "not both"},
	} {
		got, err := Select(tc.n, tc.index, tc.shard)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Select(%d, %d, %q): err = %v, want one mentioning %q", tc.n, tc.index, tc.shard, err, tc.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Select(%d, %d, %q) = %v, %v; want %v", tc.n, tc.index, tc.shard, got, err, tc.want)
		}
	}
}

// The shards of any N cover every point exactly once.
func TestShardsPartitionThePoints(t *testing.T) {
	for n := 0; n < 20; n++ {
		for of := 1; of <= 6; of++ {
			seen := make([]int, n)
			for k := 1; k <= of; k++ {
				idx, err := Select(n, -1, fmt.Sprintf("%d/%d", k, of))
				if err != nil {
					t.Fatal(err)
				}
				for _, i := range idx {
					seen[i]++
				}
			}
			for i, c := range seen {
				if c != 1 {
					t.Fatalf("n=%d, %d shards: point %d in %d shards", n, of, i, c)
				}
			}
		}
	}
}

func TestRunSkipsDoneKeepsGoingAfterAFailure(t *testing.T) {
	dir := t.TempDir()
	p := testPlan(6)
	if err := WritePlan(dir, p, []byte("x")); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	job := func(ctx context.Context, i int, pd string, m *Meter) error {
		calls.Add(1)
		if _, err := os.Stat(filepath.Join(pd, RunningFile)); err != nil {
			t.Errorf("point %d runs without running.json", i)
		}
		if i == 2 {
			return errors.New("boom")
		}
		return atomicfile.Write(filepath.Join(pd, "out.txt"), []byte(fmt.Sprint(i)))
	}
	all, _ := Select(6, -1, "")
	sum, err := Run(context.Background(), dir, all, 3, job, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Ran != 6 || !reflect.DeepEqual(sum.Failed, []int{2}) {
		t.Fatalf("summary %+v, want 6 ran and point 2 failed", sum)
	}
	c := Take(dir, p)
	if !reflect.DeepEqual(c.Done, []int{0, 1, 3, 4, 5}) || !reflect.DeepEqual(c.Failed, []int{2}) || !strings.Contains(c.Errors[2], "boom") {
		t.Fatalf("census %+v", c)
	}
	if _, err := os.Stat(filepath.Join(PointDir(dir, 0), RunningFile)); err == nil {
		t.Error("running.json left behind")
	}
	// A second run does only the failed point, and clears its error.
	calls.Store(0)
	job2 := func(ctx context.Context, i int, pd string, m *Meter) error { calls.Add(1); return nil }
	sum, err = Run(context.Background(), dir, all, 3, job2, nil)
	if err != nil || sum.Ran != 1 || sum.Skipped != 5 || calls.Load() != 1 {
		t.Fatalf("rerun: %+v, %d calls, %v", sum, calls.Load(), err)
	}
	if c := Take(dir, p); !c.Complete() {
		t.Fatalf("not complete after the rerun: %+v", c)
	}
}

func TestRunCancelledLeavesPointsMissing(t *testing.T) {
	dir := t.TempDir()
	p := testPlan(10)
	WritePlan(dir, p, []byte("x"))
	ctx, cancel := context.WithCancel(context.Background())
	job := func(ctx context.Context, i int, pd string, m *Meter) error {
		if i == 3 {
			cancel()
			<-ctx.Done()
			return ctx.Err()
		}
		return nil
	}
	all, _ := Select(10, -1, "")
	_, err := Run(ctx, dir, all, 1, job, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	c := Take(dir, p)
	if !reflect.DeepEqual(c.Done, []int{0, 1, 2}) || len(c.Failed) != 0 || len(c.Running) != 0 {
		t.Fatalf("census after cancel: %+v; want 0-2 done and no failed or running point", c)
	}
}

func TestRanges(t *testing.T) {
	for _, tc := range []struct {
		in   []int
		want string
	}{{nil, ""}, {[]int{4}, "4"}, {[]int{0, 1, 2, 3, 7, 9, 10}, "0-3,7,9-10"}} {
		if got := Ranges(tc.in); got != tc.want {
			t.Errorf("Ranges(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlainLine(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		d    time.Duration
		want string
	}{
		{0, 3 * time.Second, "sweep: 0.0% after 3s"},
		{0.25, time.Minute, "sweep: 25.0% after 1m0s, about 3m0s left"},
		{1, time.Minute, "sweep: 100.0% after 1m0s"},
	} {
		if got := PlainLine("sweep", tc.p, tc.d); got != tc.want {
			t.Errorf("PlainLine(%g, %v) = %q, want %q", tc.p, tc.d, got, tc.want)
		}
	}
}

// Off a terminal, Show prints plain lines at its pace and stops cleanly.
func TestShowPrintsPlainLinesOffATerminal(t *testing.T) {
	old := PlainEvery
	PlainEvery = 20 * time.Millisecond
	defer func() { PlainEvery = old }()
	f, err := os.CreateTemp(t.TempDir(), "log")
	if err != nil {
		t.Fatal(err)
	}
	stop := Show(f, "sweep", false, func() float64 { return 0.5 })
	time.Sleep(110 * time.Millisecond)
	stop()
	data, _ := os.ReadFile(f.Name())
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "sweep: 50.0% after") || strings.Contains(string(data), "\r") {
		t.Errorf("log holds %q; want several plain lines", data)
	}
}

// A running marker left by a process of this machine that has died reads
// as missing; one from another machine cannot be checked and reads as
// running.
func TestDeadRunnerReadsAsMissing(t *testing.T) {
	dir := t.TempDir()
	WritePlan(dir, testPlan(2), []byte("x"))
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no `true` to get a dead pid from")
	}
	host, _ := os.Hostname()
	for i, m := range []Marker{{Host: host, PID: dead.Process.Pid}, {Host: host + "-elsewhere", PID: dead.Process.Pid}} {
		os.MkdirAll(PointDir(dir, i), 0o755)
		if err := writeMarker(filepath.Join(PointDir(dir, i), RunningFile), m); err != nil {
			t.Fatal(err)
		}
	}
	if st, detail := PointState(dir, 0); st != Missing || !strings.Contains(detail, "died") {
		t.Errorf("dead runner here: %v %q, want missing", st, detail)
	}
	if st, _ := PointState(dir, 1); st != Running {
		t.Errorf("runner on another host: %v, want running", st)
	}
	if st, _ := PointState(dir, 0); st != Missing {
		t.Error(st)
	}
	self := Marker{Host: host, PID: os.Getpid()}
	writeMarker(filepath.Join(PointDir(dir, 0), RunningFile), self)
	if st, _ := PointState(dir, 0); st != Running {
		t.Errorf("a live runner here reads %v", st)
	}
}
