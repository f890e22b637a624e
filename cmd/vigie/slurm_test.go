package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"vigie/sim/batch"
)

// slurmCluster is a one-node Slurm (munged, slurmctld, slurmd) started for a
// test in a temporary folder, on ports of its own; Cleanup stops it.
type slurmCluster struct {
	dir   string
	env   []string
	procs []*exec.Cmd
}

// startSlurm installs Slurm and munge from Debian's packages when missing
// and starts a one-node cluster. It skips the test, saying why, only where
// the daemons cannot be installed or started.
func startSlurm(t *testing.T) *slurmCluster {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("the Slurm test needs root: munged runs as the munge user and slurmd as root")
	}
	tools := []string{"munged", "mungekey", "slurmctld", "slurmd", "sbatch", "scontrol", "scancel", "sinfo"}
	if missingTool(tools) != "" {
		script, _ := filepath.Abs("../../scripts/system-deps.sh")
		if out, err := exec.Command("bash", script, "slurm").CombinedOutput(); err != nil {
			t.Skipf("Slurm and munge are not installed and installing them failed: %v\n%s", err, out)
		}
		if m := missingTool(tools); m != "" {
			t.Skipf("%s is still missing after installing slurm-wlm and munge", m)
		}
	}
	mu, err := user.Lookup("munge")
	if err != nil {
		t.Skipf("no munge user: %v", err)
	}
	uid, _ := strconv.Atoi(mu.Uid)
	gid, _ := strconv.Atoi(mu.Gid)
	dir, err := os.MkdirTemp("", "vigie-slurm-")
	if err != nil {
		t.Fatal(err)
	}
	c := &slurmCluster{dir: dir}
	t.Cleanup(func() { c.stop(t); os.RemoveAll(dir) })
	// munged wants its key private and its socket's folder open to all.
	keyDir, sockDir := filepath.Join(dir, "munge-key"), filepath.Join(dir, "munge-socket")
	for path, mode := range map[string]os.FileMode{dir: 0o755, keyDir: 0o700, sockDir: 0o755} {
		os.MkdirAll(path, mode)
		os.Chmod(path, mode)
	}
	key := filepath.Join(keyDir, "munge.key")
	if out, err := exec.Command("mungekey", "--create", "--keyfile", key).CombinedOutput(); err != nil {
		t.Skipf("mungekey: %v\n%s", err, out)
	}
	for _, p := range []string{keyDir, sockDir, key} {
		os.Chown(p, uid, gid)
	}
	socket := filepath.Join(sockDir, "munge.socket")
	munged := exec.Command("munged", "--foreground", "--key-file", key, "--socket", socket,
		"--pid-file", filepath.Join(sockDir, "munged.pid"), "--log-file", filepath.Join(keyDir, "munged.log"),
		"--seed-file", filepath.Join(keyDir, "munged.seed"))
	munged.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
	c.start(t, munged, "munged")
	if !waitFor(10*time.Second, func() bool { _, err := os.Stat(socket); return err == nil }) {
		t.Skipf("munged did not start:\n%s", c.logs())
	}
	conf := filepath.Join(dir, "slurm.conf")
	if err := os.WriteFile(conf, []byte(c.config(t, socket)), 0o644); err != nil {
		t.Fatal(err)
	}
	c.env = []string{"SLURM_CONF=" + conf}
	c.start(t, exec.Command("slurmctld", "-D", "-f", conf), "slurmctld")
	c.start(t, exec.Command("slurmd", "-D", "-f", conf), "slurmd")
	if !waitFor(30*time.Second, func() bool {
		out, _ := c.command("sinfo", "-h", "-o", "%T").Output()
		return strings.TrimSpace(string(out)) == "idle"
	}) {
		t.Skipf("the one-node Slurm did not come up (node not idle within 30 s):\n%s", c.logs())
	}
	return c
}

func missingTool(tools []string) string {
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			return tool
		}
	}
	return ""
}

// config is a one-node slurm.conf: this host, 2 CPUs, one partition,
// state, spool, logs and pid files in the test's folder.
func (c *slurmCluster) config(t *testing.T, socket string) string {
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	host, _, _ = strings.Cut(host, ".")
	d := c.dir
	for _, sub := range []string{"state", "spool"} {
		os.MkdirAll(filepath.Join(d, sub), 0o755)
	}
	return fmt.Sprintf(`ClusterName=vigietest
SlurmctldHost=%[1]s(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=%[3]d
SlurmdPort=%[4]d
AuthType=auth/munge
AuthInfo=socket=%[5]s
CredType=cred/munge
StateSaveLocation=%[2]s/state
SlurmdSpoolDir=%[2]s/spool
SlurmctldPidFile=%[2]s/slurmctld.pid
SlurmdPidFile=%[2]s/slurmd.pid
SlurmctldLogFile=%[2]s/slurmctld.log
SlurmdLogFile=%[2]s/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MinJobAge=300
KillWait=5
NodeName=%[1]s NodeAddr=127.0.0.1 CPUs=2 RealMemory=2000 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
`, host, d, freePort(t), freePort(t), socket)
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func (c *slurmCluster) start(t *testing.T, cmd *exec.Cmd, name string) {
	out, err := os.Create(filepath.Join(c.dir, name+".out"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = append(os.Environ(), c.env...)
	if err := cmd.Start(); err != nil {
		t.Skipf("%s did not start: %v", name, err)
	}
	c.procs = append(c.procs, cmd)
}

// stop cancels every job, then stops the daemons it started, newest
// first, by their own process: SIGTERM, then SIGKILL after 10 s.
func (c *slurmCluster) stop(t *testing.T) {
	if len(c.procs) > 1 {
		c.command("scancel", "--full", "--user", "root").Run()
	}
	for k := len(c.procs) - 1; k >= 0; k-- {
		p := c.procs[k]
		p.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { p.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Logf("%s did not stop on SIGTERM; killing it", p.Path)
			p.Process.Kill()
			<-done
		}
	}
	c.procs = nil
}

func (c *slurmCluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), c.env...)
	return cmd
}

// logs returns the tail of every daemon's log, for a failure message.
func (c *slurmCluster) logs() string {
	var b strings.Builder
	for _, name := range []string{"munged.out", "slurmctld.out", "slurmd.out", "slurmctld.log", "slurmd.log"} {
		data, _ := os.ReadFile(filepath.Join(c.dir, name))
		if len(data) > 1500 {
			data = data[len(data)-1500:]
		}
		fmt.Fprintf(&b, "--- %s\n%s\n", name, data)
	}
	return b.String()
}

// jobState is a job's state as scontrol shows it (COMPLETED, FAILED...).
func (c *slurmCluster) jobState(id string) string {
	out, _ := c.command("scontrol", "show", "job", "-o", id).Output()
	m := regexp.MustCompile(`JobState=(\S+)`).FindSubmatch(out)
	if m == nil {
		return ""
	}
	return string(m[1])
}

// waitJob waits for a job to end and returns its final state.
func (c *slurmCluster) waitJob(t *testing.T, id string, limit time.Duration) string {
	t.Helper()
	var state string
	ended := waitFor(limit, func() bool {
		state = c.jobState(id)
		switch state {
		case "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED":
			return true
		}
		return false
	})
	if !ended {
		out, _ := c.command("squeue").Output()
		t.Fatalf("job %s still %s after %s\n%s\n%s", id, state, limit, out, c.logs())
	}
	return state
}

func waitFor(limit time.Duration, ok func() bool) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if ok() {
			return true
		}
		time.Sleep(200 * time.Millisecond)
	}
	return ok()
}

var submitted = regexp.MustCompile(`array job (\d+), gather job (\d+)`)

// submit runs vigie sweep slurm --submit and returns the array and gather
// job ids and what vigie printed.
func (c *slurmCluster) submit(t *testing.T, dir string, throttle int, extra ...string) (array, gather, out string) {
	t.Helper()
	args := append([]string{"sweep", "slurm", dir, "--submit", "--throttle", strconv.Itoa(throttle), "--mem", "200M", "--time", "5"}, extra...)
	out, stderr, code := vigie(t, c.env, args...)
	m := submitted.FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("vigie sweep slurm --submit: exit %d\n%s\n%s", code, out, stderr)
	}
	return m[1], m[2], out
}

// TestSlurmArraySweep submits a sweep of 9 points (4 thresholds x 2 seeds,
// and the scenario as written) to a real one-node Slurm as a job array with
// a dependent gather job, and checks that the gathered tables are the bytes
// a local `vigie run` writes; then cancels half of a second array midway
// and checks that resubmitting runs only the points that were missing.
func TestSlurmArraySweep(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the Slurm test starts daemons and runs two arrays (about a minute)")
	}
	// most of its minute is spent waiting on the scheduler: run it beside
	// the package's other long parallel tests, which keep the cores busy
	t.Parallel()
	c := startSlurm(t)
	scen := writeFile(t, "sw8.yaml", sweep8)
	tmp := t.TempDir()
	os.Chmod(tmp, 0o755)
	local := filepath.Join(tmp, "local")
	if _, stderr, code := vigie(t, nil, "run", scen, "--out", local, "-q"); code != 0 {
		t.Fatal(stderr)
	}

	// A whole sweep through Slurm.
	whole := filepath.Join(tmp, "whole")
	if _, stderr, code := vigie(t, nil, "sweep", "plan", scen, "--out", whole); code != 0 {
		t.Fatal(stderr)
	}
	start := time.Now()
	_, gather, _ := c.submit(t, whole, 2)
	if st := c.waitJob(t, gather, 60*time.Second); st != "COMPLETED" {
		out, _ := os.ReadFile(filepath.Join(whole, "slurm", "gather_"+gather+".out"))
		t.Fatalf("gather job %s: %s\n%s", gather, st, out)
	}
	t.Logf("9 points through a Slurm array and a gather job: %.1f s", time.Since(start).Seconds())
	sameFiles(t, local, whole, "sweep.csv", "chilling.csv", "sweep.parquet", "results.json")

	// The same points spread over 3 array tasks, each running a shard.
	sharded := filepath.Join(tmp, "sharded")
	if _, stderr, code := vigie(t, nil, "sweep", "plan", scen, "--out", sharded); code != 0 {
		t.Fatal(stderr)
	}
	array, gather, out := c.submit(t, sharded, 3, "--tasks", "3")
	if !strings.Contains(out, "tasks 0-2") {
		t.Errorf("--tasks 3: %s", out)
	}
	if st := c.waitJob(t, gather, 60*time.Second); st != "COMPLETED" {
		t.Fatalf("gather job of the sharded array: %s", st)
	}
	if ran, _ := filepath.Glob(filepath.Join(sharded, "slurm", array+"_*.out")); len(ran) != 3 {
		t.Errorf("%d array tasks ran, want 3", len(ran))
	}
	sameFiles(t, local, sharded, "sweep.csv", "chilling.csv")

	// Cancel half of an array midway, then resubmit.
	cut := filepath.Join(tmp, "cut")
	if _, stderr, code := vigie(t, nil, "sweep", "plan", scen, "--out", cut); code != 0 {
		t.Fatal(stderr)
	}
	array, gather, _ = c.submit(t, cut, 1)
	plan, _, err := batch.ReadPlan(cut)
	if err != nil {
		t.Fatal(err)
	}
	if !waitFor(60*time.Second, func() bool { return len(batch.Take(cut, plan).Done) >= 2 }) {
		t.Fatalf("no two points done within 60 s\n%s", c.logs())
	}
	if out, err := c.command("scancel", fmt.Sprintf("%s_[4-8]", array)).CombinedOutput(); err != nil {
		t.Fatalf("scancel: %v %s", err, out)
	}
	if st := c.waitJob(t, gather, 60*time.Second); st != "FAILED" {
		t.Errorf("the gather job after a cancelled array ended %s; want FAILED (points missing)", st)
	}
	before := batch.Take(cut, plan)
	notDone := append(append(append([]int{}, before.Missing...), before.Failed...), before.Running...)
	if len(notDone) == 0 {
		t.Fatal("the cancel came too late: every point finished, so resubmission has nothing to prove")
	}
	t.Logf("after scancel: done %s, not done %s", batch.Ranges(before.Done), batch.Ranges(notDone))
	markers := map[int][]byte{}
	for _, i := range before.Done {
		markers[i], _ = os.ReadFile(filepath.Join(batch.PointDir(cut, i), batch.DoneFile))
	}
	array2, gather2, out := c.submit(t, cut, 2)
	if want := fmt.Sprintf("an array of %d points", len(notDone)); !strings.Contains(out, want) {
		t.Errorf("resubmission: %q; want %q", out, want)
	}
	if st := c.waitJob(t, gather2, 60*time.Second); st != "COMPLETED" {
		t.Fatalf("gather job after resubmission: %s", st)
	}
	for i, m := range markers {
		now, _ := os.ReadFile(filepath.Join(batch.PointDir(cut, i), batch.DoneFile))
		if !bytes.Equal(now, m) {
			t.Errorf("point %d was done before the resubmission but ran again", i)
		}
	}
	ran, _ := filepath.Glob(filepath.Join(cut, "slurm", array2+"_*.out"))
	if len(ran) != len(notDone) {
		t.Errorf("the resubmitted array ran %d tasks, want the %d missing", len(ran), len(notDone))
	}
	sameFiles(t, local, cut, "sweep.csv", "chilling.csv")
}
