package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"github.com/spf13/cobra"

	"vigie/internal/atomicfile"
	"vigie/sim/batch"
	"vigie/viz/report"
)

func sweepSlurmCmd() *cobra.Command {
	s := batch.Slurm{}
	var all, submit bool
	var models string
	cmd := &cobra.Command{
		Use:   "slurm DIR [--submit]",
		Short: "Write (and with --submit, submit) a Slurm job array over a sweep's points and a gather job after it",
		Long: `Write DIR/slurm/array.sbatch (a job array with one task per point not yet done, at most
--throttle at once, each asking for --time, --mem and --cpus), DIR/slurm/gather.sbatch (vigie
sweep gather, submitted with --dependency=afterany on the array) and DIR/slurm/submit.sh, which
submits both. DIR must be on a file system the compute nodes share, and vigie at the same path
there (--vigie). After a cancel or a failure, run this again: the new array holds only the points
still missing.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sw, err := openSweep(args[0])
			if err != nil {
				return err
			}
			if s.Dir, err = filepath.Abs(args[0]); err != nil {
				return err
			}
			if s.Vigie == "" {
				if s.Vigie, err = os.Executable(); err != nil {
					return err
				}
			}
			s.Name = batch.JobName(sw.plan.Scenario.Name)
			s.Env = clusterEnv(models)
			c := batch.Take(sw.dir, sw.plan)
			s.Points = append(append(append([]int{}, c.Missing...), c.Failed...), c.Running...)
			if all {
				s.Points = append(s.Points, c.Done...)
			}
			sort.Ints(s.Points)
			files, err := s.SlurmFiles()
			if err != nil {
				return badInput(err)
			}
			slurmDir := filepath.Join(s.Dir, "slurm")
			if err := os.MkdirAll(slurmDir, 0o755); err != nil {
				return err
			}
			for _, name := range []string{"array.sbatch", "gather.sbatch", "submit.sh"} {
				if err := atomicfile.Write(filepath.Join(slurmDir, name), files[name]); err != nil {
					return err
				}
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "Wrote %s: an array of %s (tasks %s, at most %d at once) and a gather job after it.\n",
				slurmDir, plural(len(s.Points), "point"), s.Array(), s.Throttle)
			if !submit {
				fmt.Fprintf(out, "Submit with `bash %s`, or run this again with --submit.\n", filepath.Join(slurmDir, "submit.sh"))
				return nil
			}
			sub := exec.CommandContext(cmd.Context(), "bash", filepath.Join(slurmDir, "submit.sh"))
			sub.Stdout, sub.Stderr = out, cmd.ErrOrStderr()
			if err := sub.Run(); err != nil {
				return fmt.Errorf("submitting to Slurm (is sbatch on the PATH, and slurmctld up?): %w", err)
			}
			fmt.Fprintf(out, "Watch it with `vigie sweep status %s` (or squeue).\n", args[0])
			return nil
		},
	}
	cmd.Flags().IntVar(&s.Throttle, "throttle", 50, "at most this many array tasks at once")
	cmd.Flags().StringVar(&s.Time, "time", "1:00:00", "time limit of each task ([D-]HH:MM:SS)")
	cmd.Flags().StringVar(&s.Mem, "mem", "4G", "memory of each task")
	cmd.Flags().IntVar(&s.CPUs, "cpus", 1, "CPUs of each task (its point's regimes run on them)")
	cmd.Flags().StringVar(&s.Partition, "partition", "", "Slurm partition")
	cmd.Flags().StringVar(&s.Account, "account", "", "Slurm account")
	cmd.Flags().StringVar(&s.Vigie, "vigie", "", "vigie's path on the compute nodes (default: this binary)")
	cmd.Flags().StringVar(&models, "models", "", "VIGIE_MODELS on the compute nodes (default: this one's)")
	cmd.Flags().IntVar(&s.Tasks, "tasks", 0, "spread the points over this many array tasks, each running every N-th point (0: one task per point; Slurm's MaxArraySize, 1001 by default, bounds array indices)")
	cmd.Flags().BoolVar(&all, "all", false, "put every point in the array, done ones too (they are skipped at once)")
	cmd.Flags().BoolVar(&submit, "submit", false, "submit with sbatch")
	return cmd
}

// clusterEnv is what a compute node needs to find the models and the
// report's ECharts library where this machine finds them (a shared file
// system is assumed, as for the sweep folder).
func clusterEnv(models string) []string {
	if models == "" {
		models = os.Getenv("VIGIE_MODELS")
	}
	var env []string
	if models != "" {
		if abs, err := filepath.Abs(models); err == nil {
			env = append(env, "VIGIE_MODELS="+abs)
		}
	}
	if echarts, err := report.FindECharts(); err == nil {
		if abs, err := filepath.Abs(echarts); err == nil {
			env = append(env, report.EChartsEnv+"="+abs)
		}
	}
	return env
}

func sweepK8sCmd() *cobra.Command {
	k := batch.Kubernetes{}
	cmd := &cobra.Command{
		Use:   "k8s DIR --image IMAGE --pvc CLAIM",
		Short: "Write a Kubernetes Indexed Job over a sweep's points",
		Long: `Write DIR/k8s/job.yaml, an Indexed Job with one completion index per point; each pod runs
vigie sweep run with the index Kubernetes gives it in JOB_COMPLETION_INDEX. The sweep folder
must be on the volume claim (--pvc), at --subpath under its mount. Apply with kubectl apply -f,
then gather with vigie sweep gather.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			sw, err := openSweep(args[0])
			if err != nil {
				return err
			}
			k.Name = batch.JobName(sw.plan.Scenario.Name)
			k.Points = len(sw.plan.Points)
			if k.SubPath == "" {
				k.SubPath = filepath.Base(filepath.Clean(args[0]))
			}
			data, err := k.Manifest()
			if err != nil {
				return badInput(err)
			}
			dir := filepath.Join(args[0], "k8s")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			path := filepath.Join(dir, "job.yaml")
			if err := atomicfile.Write(path, data); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s: an Indexed Job of %d points, %d at once. Apply it with `kubectl apply -f %s`.\n",
				path, k.Points, k.Parallelism, path)
			return nil
		},
	}
	cmd.Flags().StringVar(&k.Image, "image", "", "container image with vigie (required)")
	cmd.Flags().StringVar(&k.Vigie, "vigie", "vigie", "vigie's path in the image")
	cmd.Flags().StringVar(&k.Claim, "pvc", "", "PersistentVolumeClaim holding the sweep folder (required)")
	cmd.Flags().StringVar(&k.MountPath, "mount", "/sweeps", "where the claim is mounted")
	cmd.Flags().StringVar(&k.SubPath, "subpath", "", "the sweep folder under the mount (default: DIR's last element)")
	cmd.Flags().IntVar(&k.Parallelism, "parallelism", 50, "pods at once")
	cmd.Flags().IntVar(&k.CPUs, "cpus", 1, "CPUs per pod")
	cmd.Flags().StringVar(&k.Mem, "mem", "4Gi", "memory per pod")
	cmd.Flags().StringVar(&k.Models, "models", "", "VIGIE_MODELS in the container (pipeline recognizers)")
	return cmd
}
