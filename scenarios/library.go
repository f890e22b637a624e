package scenarios

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"vigie/policy"
	"vigie/sim/recognizer"
)

//go:embed regimes/*.yaml
var regimeFiles embed.FS

//go:embed library/*.yaml
var libraryFiles embed.FS

//go:embed validation/*.yaml
var validationFiles embed.FS

//go:embed profiles/*.yaml
var profileFiles embed.FS

// DefaultProfile is the deployed-system profile scenarios start from.
const DefaultProfile = "neoface-v4-npl2023"

// ProfileNames lists the bundled recognizer profiles, the default first.
func ProfileNames() []string {
	entries, _ := profileFiles.ReadDir("profiles")
	out := []string{DefaultProfile}
	for _, e := range entries {
		if n := strings.TrimSuffix(e.Name(), ".yaml"); n != DefaultProfile {
			out = append(out, n)
		}
	}
	return out
}

// Profile returns a bundled recognizer profile by name.
func Profile(name string) (recognizer.Profile, error) {
	data, err := ProfileSource(name)
	if err != nil {
		return recognizer.Profile{}, fmt.Errorf("no bundled recognizer profile %q (bundled: %s)", name, strings.Join(ProfileNames(), ", "))
	}
	var p recognizer.Profile
	if err := yaml.UnmarshalWithOptions(data, &p, yaml.Strict()); err != nil {
		return recognizer.Profile{}, fmt.Errorf("bundled profile %s: %w", name, err)
	}
	if p.Name != name {
		return recognizer.Profile{}, fmt.Errorf("bundled profile %s is named %q inside", name, p.Name)
	}
	return p, nil
}

// ProfileSource returns a bundled profile's YAML text.
func ProfileSource(name string) ([]byte, error) {
	return profileFiles.ReadFile("profiles/" + name + ".yaml")
}

// ValidationCases lists the bundled validation cases by name.
func ValidationCases() []string {
	entries, _ := validationFiles.ReadDir("validation")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// LoadValidationCase loads a bundled validation case by name.
func LoadValidationCase(name string) (*Scenario, error) {
	data, err := validationFiles.ReadFile("validation/" + name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("no bundled validation case %q (cases: %s)", name, strings.Join(ValidationCases(), ", "))
	}
	return LoadBytes("builtin:validation/"+name, data)
}

// DefaultScenario is the scenario `vigie run` runs when given none.
const DefaultScenario = "default"

// Builtin returns a built-in regime by name.
func Builtin(name string) (policy.Regime, error) {
	data, err := regimeFiles.ReadFile("regimes/" + name + ".yaml")
	if err != nil {
		return policy.Regime{}, fmt.Errorf("no built-in regime %q (built-ins: %s)", name, builtinList())
	}
	var r policy.Regime
	if err := yaml.UnmarshalWithOptions(data, &r, yaml.Strict()); err != nil {
		return policy.Regime{}, fmt.Errorf("built-in regime %s: %w", name, err)
	}
	return r, nil
}

// BuiltinNames lists the built-in regimes in their natural order, from the
// least to the most surveillance.
func BuiltinNames() []string {
	return []string{"none", "targeted-live", "eu-ai-act", "retrospective", "mass"}
}

// BuiltinSource returns a built-in regime's YAML text.
func BuiltinSource(name string) ([]byte, error) {
	return regimeFiles.ReadFile("regimes/" + name + ".yaml")
}

func builtinList() string { return strings.Join(BuiltinNames(), ", ") }

// Bundled describes a scenario in the library.
type Bundled struct {
	Name     string
	Question string
}

// Library lists the bundled scenarios with the question each answers (the
// first comment line of each file that starts with "# Question:").
func Library() []Bundled {
	entries, _ := libraryFiles.ReadDir("library")
	var out []Bundled
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".yaml")
		data, _ := libraryFiles.ReadFile(path.Join("library", e.Name()))
		q := ""
		for _, line := range strings.Split(string(data), "\n") {
			if s, ok := strings.CutPrefix(line, "# Question:"); ok {
				q = strings.TrimSpace(s)
				break
			}
		}
		out = append(out, Bundled{Name: name, Question: q})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// LibrarySource returns a bundled scenario's YAML text.
func LibrarySource(name string) ([]byte, bool) {
	data, err := libraryFiles.ReadFile("library/" + name + ".yaml")
	return data, err == nil
}
