package testenv

import (
	"strings"
	"testing"
)

// recorder is a testing.TB that notes how a test ended instead of ending
// it (MissingModels calls Helper, Fatal and Skip only).
type recorder struct {
	testing.TB
	failed, skipped bool
	msg             string
}

func (r *recorder) Helper()           {}
func (r *recorder) Fatal(args ...any) { r.failed, r.msg = true, args[0].(string) }
func (r *recorder) Skip(args ...any)  { r.skipped, r.msg = true, args[0].(string) }

func TestMissingModels(t *testing.T) {
	for _, c := range []struct {
		env        string
		fail, skip bool
	}{{"", false, true}, {"0", false, true}, {"1", true, false}} {
		t.Setenv(RequireModelsEnv, c.env)
		r := &recorder{}
		MissingModels(r, "no %s here", "detector")
		if r.failed != c.fail || r.skipped != c.skip {
			t.Errorf("%s=%q: failed %v, skipped %v; want %v, %v", RequireModelsEnv, c.env, r.failed, r.skipped, c.fail, c.skip)
		}
		if !strings.HasPrefix(r.msg, "no detector here") || !strings.Contains(r.msg, "make models") {
			t.Errorf("%s=%q: message %q names neither what is missing nor make models", RequireModelsEnv, c.env, r.msg)
		}
	}
}
