// Package scenarios reads Vigie scenarios: YAML files that describe a city,
// its population and cameras, the recognizer, and the policy regimes to
// compare, optionally with a sweep over parameters and seeds.
//
// Loading is strict: an unknown key, a wrong type or an out-of-range value
// is an error that names the file, line and column, the field's path and
// what is allowed. Defaults fill everything a file leaves out, and the
// resolved scenario can be written back as YAML. The package also embeds
// the built-in regimes and the bundled scenario library, and generates the
// JSON Schema (schema.json) that editors use to check scenario files.
package scenarios
