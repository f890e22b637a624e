package main

import (
	"encoding/json"
	"syscall/js"
	"time"
)

// main offers vigieRerun to the page and waits for calls:
//
//	vigieRerun(baseYAML, settingsJSON, lang, version, onProgress) -> Promise<outputJSON>
//
// The run goes on in a goroutine that hands the browser back its thread
// every few tenths of a second, so that the page repaints its progress bar
// and stays responsive.
func main() {
	js.Global().Set("vigieRerun", js.FuncOf(rerunJS))
	select {}
}

func rerunJS(_ js.Value, args []js.Value) any {
	base, settings, lang, version, progress := args[0].String(), args[1].String(), args[2].String(), args[3].String(), args[4]
	return js.Global().Get("Promise").New(js.FuncOf(func(_ js.Value, pr []js.Value) any {
		resolve, reject := pr[0], pr[1]
		go func() {
			out, err := rerunText(base, settings, lang, version, yielder(progress))
			if err != nil {
				reject.Invoke(js.Global().Get("Error").New(err.Error()))
				return
			}
			resolve.Invoke(out)
		}()
		return nil
	}))
}

func rerunText(base, settings, lang, version string, tick func(float64)) (string, error) {
	var s Settings
	if err := json.Unmarshal([]byte(settings), &s); err != nil {
		return "", err
	}
	out, err := rerun([]byte(base), s, lang, version, tick)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// yielder reports progress and lets the browser run, at most every 100 ms.
func yielder(progress js.Value) func(float64) {
	last := time.Now()
	return func(done float64) {
		if time.Since(last) < 100*time.Millisecond {
			return
		}
		progress.Invoke(done)
		time.Sleep(time.Millisecond) // back to the browser's event loop
		last = time.Now()
	}
}
