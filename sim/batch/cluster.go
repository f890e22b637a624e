package batch

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"
)

var templateFuncs = template.FuncMap{"quote": shellQuote, "json": strconv.Quote, "exportable": exportable}

// exportable quotes the value of NAME=value for bash.
func exportable(kv string) string {
	name, value, _ := strings.Cut(kv, "=")
	return name + "=" + shellQuote(value)
}

// Slurm says how to submit a sweep folder to Slurm.
type Slurm struct {
	Vigie  string // the vigie binary, as the compute nodes see it
	Dir    string // the sweep folder, absolute, as the compute nodes see it
	Name   string // job name
	Points []int  // the points to run
	// Tasks, when above 0, spreads the points over that many array tasks,
	// task t running shard t+1/Tasks (every Tasks-th point); 0 gives each
	// point its own task, indexed by the point. Slurm refuses array indices
	// from its MaxArraySize (1001 unless configured) up.
	Tasks     int
	Throttle  int    // at most this many array tasks at once (the %N of --array)
	Time      string // --time of each task, e.g. 1:00:00
	Mem       string // --mem of each task, e.g. 4G
	CPUs      int    // --cpus-per-task
	Partition string // optional
	Account   string // optional
	// Env is exported in every script (VIGIE_MODELS, VIGIE_ECHARTS...) as
	// NAME=value, in order.
	Env []string
}

// slurmPlacement is what both sbatch scripts share after their own
// requests: where the job runs, strict shell, and the environment.
const slurmPlacement = `{{define "placement"}}
{{- if .Partition}}
#SBATCH --partition={{.Partition}}{{end}}
{{- if .Account}}
#SBATCH --account={{.Account}}{{end}}
set -euo pipefail
{{- range .Env}}
export {{exportable .}}{{end}}{{end}}`

var slurmArray = template.Must(template.Must(template.New("array").Funcs(templateFuncs).Parse(slurmPlacement)).Parse(`#!/bin/bash
# {{.Name}}: array tasks over {{len .Points}} of the sweep's points{{if .Tasks}}, spread over {{.Tasks}} shards (task t runs every
# {{.Tasks}}-th point from point t){{else}}, one task per point{{end}}. A point
# already done is skipped, so resubmitting after a failure or a cancel runs
# only what is missing. Written by vigie sweep slurm.
#SBATCH --job-name={{.Name}}
#SBATCH --array={{.Array}}%{{.Throttle}}
#SBATCH --time={{.Time}}
#SBATCH --mem={{.Mem}}
#SBATCH --cpus-per-task={{.CPUs}}
#SBATCH --output={{.Dir}}/slurm/%A_%a.out
{{- template "placement" .}}
{{- if .Tasks}}
exec {{quote .Vigie}} sweep run {{quote .Dir}} --shard "$((SLURM_ARRAY_TASK_ID + 1))/{{.Tasks}}" --workers {{.CPUs}} --quiet
{{- else}}
exec {{quote .Vigie}} sweep run {{quote .Dir}} --index-env SLURM_ARRAY_TASK_ID --workers {{.CPUs}} --quiet
{{- end}}
`))

var slurmGather = template.Must(template.Must(template.New("gather").Funcs(templateFuncs).Parse(slurmPlacement)).Parse(`#!/bin/bash
# {{.Name}}: gathers the tables once the array has ended (submit
# with --dependency=afterany:ARRAY_JOB_ID; submit.sh does). It exits 1 and
# lists the points not done if any array task failed or was cancelled.
#SBATCH --job-name={{.Name}}-gather
#SBATCH --time={{.Time}}
#SBATCH --mem={{.Mem}}
#SBATCH --cpus-per-task=1
#SBATCH --output={{.Dir}}/slurm/gather_%j.out
{{- template "placement" .}}
exec {{quote .Vigie}} sweep gather {{quote .Dir}}
`))

var slurmSubmit = template.Must(template.New("submit").Funcs(templateFuncs).Parse(`#!/bin/bash
# Submits the array, then the gather job to run after it, whatever its end.
set -euo pipefail
cd {{quote .Dir}}/slurm
array=$(sbatch --parsable array.sbatch)
array=${array%%;*}
gather=$(sbatch --parsable --dependency=afterany:"$array" gather.sbatch)
gather=${gather%%;*}
echo "array job $array, gather job $gather"
`))

// Array is the --array index list: the points themselves, or the shards
// that hold at least one of them.
func (s Slurm) Array() string {
	if s.Tasks <= 0 {
		return Ranges(s.Points)
	}
	seen := make([]bool, s.Tasks)
	var tasks []int
	for _, i := range s.Points {
		seen[i%s.Tasks] = true
	}
	for t, ok := range seen {
		if ok {
			tasks = append(tasks, t)
		}
	}
	return Ranges(tasks)
}

// SlurmFiles returns the array script, the gather script and a submit
// script, by file name.
func (s Slurm) SlurmFiles() (map[string][]byte, error) {
	if len(s.Points) == 0 {
		return nil, fmt.Errorf("every point is done: nothing to submit (gather with `vigie sweep gather %s`)", s.Dir)
	}
	if s.Throttle < 1 || s.CPUs < 1 || s.Tasks < 0 {
		return nil, fmt.Errorf("the throttle and CPUs per task must be at least 1, the tasks 0 (one per point) or more")
	}
	for _, kv := range s.Env {
		if !regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`).MatchString(kv) {
			return nil, fmt.Errorf("environment %q: want NAME=value", kv)
		}
	}
	if err := checkSlurmTime(s.Time); err != nil {
		return nil, err
	}
	if !regexp.MustCompile(`^[0-9]+[KMGT]?$`).MatchString(s.Mem) {
		return nil, fmt.Errorf("--mem %q: want a size such as 4G or 500M", s.Mem)
	}
	out := map[string][]byte{}
	for name, t := range map[string]*template.Template{"array.sbatch": slurmArray, "gather.sbatch": slurmGather, "submit.sh": slurmSubmit} {
		var b bytes.Buffer
		if err := t.Execute(&b, s); err != nil {
			return nil, err
		}
		out[name] = b.Bytes()
	}
	return out, nil
}

// checkSlurmTime accepts Slurm's time formats: minutes, MM:SS, HH:MM:SS,
// D-HH, D-HH:MM and D-HH:MM:SS.
func checkSlurmTime(t string) error {
	if !regexp.MustCompile(`^([0-9]+-)?[0-9]+(:[0-9]{1,2}){0,2}$`).MatchString(t) {
		return fmt.Errorf("--time %q: want minutes or [D-]HH:MM:SS, e.g. 2:00:00", t)
	}
	return nil
}

// shellQuote quotes s for bash.
func shellQuote(s string) string {
	if regexp.MustCompile(`^[A-Za-z0-9_./:=+-]+$`).MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// Kubernetes says how to run a sweep folder as an Indexed Job.
type Kubernetes struct {
	Name        string // the Job's name (a DNS label)
	Image       string // a container image holding vigie (and its models for pipeline recognizers)
	Vigie       string // vigie's path inside the image
	Claim       string // the PersistentVolumeClaim holding the sweep folder
	MountPath   string // where it is mounted; the folder itself is MountPath/SubPath
	SubPath     string
	Points      int
	Parallelism int
	CPUs        int
	Mem         string // e.g. 4Gi
	Models      string // VIGIE_MODELS in the container, optional
}

var k8sJob = template.Must(template.New("k8s").Funcs(templateFuncs).Parse(`# Vigie sweep: one completion index per point ({{.Points}} points); the index
# comes from JOB_COMPLETION_INDEX. A point already done is skipped, so
# running the Job again finishes only what is missing. Gather afterwards with
# vigie sweep gather {{.Folder}}. Written by vigie sweep k8s.
apiVersion: batch/v1
kind: Job
metadata:
  name: {{.Name}}
spec:
  completionMode: Indexed
  completions: {{.Points}}
  parallelism: {{.Parallelism}}
  backoffLimitPerIndex: 2
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: vigie
          image: {{json .Image}}
          command: [{{json .Vigie}}, "sweep", "run", {{json .Folder}}, "--index-env", "JOB_COMPLETION_INDEX", "--workers", "{{.CPUs}}", "--quiet"]
{{- if .Models}}
          env:
            - name: VIGIE_MODELS
              value: {{json .Models}}{{end}}
          resources:
            requests: {cpu: "{{.CPUs}}", memory: {{json .Mem}}}
            limits: {memory: {{json .Mem}}}
          volumeMounts:
            - name: sweep
              mountPath: {{json .MountPath}}
      volumes:
        - name: sweep
          persistentVolumeClaim:
            claimName: {{json .Claim}}
`))

// Folder is the sweep folder inside the container.
func (k Kubernetes) Folder() string {
	return strings.TrimRight(k.MountPath, "/") + "/" + strings.Trim(k.SubPath, "/")
}

// Manifest returns the Indexed Job's YAML.
func (k Kubernetes) Manifest() ([]byte, error) {
	if !regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`).MatchString(k.Name) {
		return nil, fmt.Errorf("job name %q: Kubernetes wants lower-case letters, digits and '-', at most 63", k.Name)
	}
	if k.Image == "" || k.Claim == "" {
		return nil, fmt.Errorf("give --image (a container image with vigie) and --pvc (the volume claim holding the sweep folder)")
	}
	var b bytes.Buffer
	err := k8sJob.Execute(&b, k)
	return b.Bytes(), err
}

// JobName turns a scenario name into a Slurm or Kubernetes job name.
func JobName(scenario string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(scenario) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	name := strings.Trim("vigie-"+b.String(), "-")
	if len(name) > 63 {
		name = strings.TrimRight(name[:63], "-")
	}
	return name
}
