package batch

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

func TestSlurmFiles(t *testing.T) {
	s := Slurm{Vigie: "/opt/vigie bin/vigie", Dir: "/shared/sweeps/a", Name: "vigie-a", Points: []int{0, 1, 2, 5, 7, 8},
		Throttle: 4, Time: "2:00:00", Mem: "8G", CPUs: 2, Partition: "long",
		Env: []string{"VIGIE_MODELS=/shared/models", "VIGIE_ECHARTS=/x/it's.js"}}
	files, err := s.SlurmFiles()
	if err != nil {
		t.Fatal(err)
	}
	array := string(files["array.sbatch"])
	for _, want := range []string{
		"#SBATCH --array=0-2,5,7-8%4\n", "#SBATCH --time=2:00:00\n", "#SBATCH --mem=8G\n", "#SBATCH --cpus-per-task=2\n",
		"#SBATCH --partition=long\n", "export VIGIE_MODELS=/shared/models\n", `export VIGIE_ECHARTS='/x/it'\''s.js'` + "\n",
		"exec '/opt/vigie bin/vigie' sweep run /shared/sweeps/a --index-env SLURM_ARRAY_TASK_ID --workers 2 --quiet\n",
	} {
		if !strings.Contains(array, want) {
			t.Errorf("array.sbatch lacks %q:\n%s", want, array)
		}
	}
	if strings.Contains(array, "--account") {
		t.Error("an empty account still wrote --account")
	}
	if g := string(files["gather.sbatch"]); !strings.Contains(g, "sweep gather /shared/sweeps/a\n") {
		t.Errorf("gather.sbatch:\n%s", g)
	}
	if sub := string(files["submit.sh"]); !strings.Contains(sub, `--dependency=afterany:"$array" gather.sbatch`) {
		t.Errorf("submit.sh:\n%s", sub)
	}
}

// With Tasks, the array holds the shards with a point to run, and each
// task runs its shard: together they cover the points.
func TestSlurmTasksRunShards(t *testing.T) {
	s := Slurm{Vigie: "v", Dir: "/d", Name: "n", Points: []int{3, 4, 13, 23, 1000}, Tasks: 10, Throttle: 5, Time: "60", Mem: "1G", CPUs: 1}
	if got := s.Array(); got != "0,3-4" {
		t.Errorf("Array() = %q, want 0,3-4 (the shards of points 1000; 3, 13, 23; 4)", got)
	}
	files, err := s.SlurmFiles()
	if err != nil {
		t.Fatal(err)
	}
	array := string(files["array.sbatch"])
	for _, want := range []string{"#SBATCH --array=0,3-4%5\n", `--shard "$((SLURM_ARRAY_TASK_ID + 1))/10"`} {
		if !strings.Contains(array, want) {
			t.Errorf("array.sbatch lacks %q:\n%s", want, array)
		}
	}
	// Task t runs shard t+1/10, which holds exactly the points i with i % 10 = t.
	for _, i := range s.Points {
		idx, _ := Select(1001, -1, fmt.Sprintf("%d/10", i%10+1))
		if !slices.Contains(idx, i) {
			t.Errorf("point %d is not in the shard of task %d", i, i%10)
		}
	}
}

func TestSlurmFilesRejectBadFlags(t *testing.T) {
	good := Slurm{Vigie: "v", Dir: "/d", Name: "n", Points: []int{0}, Throttle: 1, Time: "60", Mem: "1G", CPUs: 1}
	for _, tc := range []struct {
		change func(*Slurm)
		want   string
	}{
		{func(s *Slurm) { s.Points = nil }, "every point is done"},
		{func(s *Slurm) { s.Time = "1h" }, "--time"},
		{func(s *Slurm) { s.Mem = "lots" }, "--mem"},
		{func(s *Slurm) { s.Throttle = 0 }, "at least 1"},
		{func(s *Slurm) { s.Env = []string{"no equals"} }, "NAME=value"},
	} {
		s := good
		tc.change(&s)
		if _, err := s.SlurmFiles(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("err = %v, want one mentioning %q", err, tc.want)
		}
	}
	for _, ok := range []string{"30", "10:00", "1:00:00", "2-0", "2-12:00", "1-00:00:00"} {
		if err := checkSlurmTime(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

func TestKubernetesManifest(t *testing.T) {
	k := Kubernetes{Name: JobName("Threshold Sweep!"), Image: "reg/vigie:1", Vigie: "/usr/bin/vigie", Claim: "sweeps",
		MountPath: "/data/", SubPath: "a", Points: 1001, Parallelism: 20, CPUs: 1, Mem: "2Gi", Models: "/models"}
	data, err := k.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	var job struct {
		Kind string
		Spec struct {
			CompletionMode string `yaml:"completionMode"`
			Completions    int
			Parallelism    int
			Template       struct {
				Spec struct {
					Containers []struct {
						Image   string
						Command []string
						Env     []struct{ Name, Value string }
					}
				}
			}
		}
	}
	if err := yaml.Unmarshal(data, &job); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if job.Kind != "Job" || job.Spec.CompletionMode != "Indexed" || job.Spec.Completions != 1001 || job.Spec.Parallelism != 20 {
		t.Errorf("job %+v", job)
	}
	c := job.Spec.Template.Spec.Containers[0]
	want := "/usr/bin/vigie sweep run /data/a --index-env JOB_COMPLETION_INDEX --workers 1 --quiet"
	if strings.Join(c.Command, " ") != want || c.Image != "reg/vigie:1" || c.Env[0].Value != "/models" {
		t.Errorf("container %+v", c)
	}
	if k.Name != "vigie-threshold-sweep" {
		t.Errorf("JobName = %q", k.Name)
	}
	k.Image = ""
	if _, err := k.Manifest(); err == nil {
		t.Error("no image accepted")
	}
}
