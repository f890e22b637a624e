package metrics

import "encoding/json"

// IndentedJSON is how results.json and manifest.json are written: indented
// by two spaces, with a final newline. vigie run and the explorer page's
// engine both encode through it, so the same results are the same bytes.
func IndentedJSON(v any) ([]byte, error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
