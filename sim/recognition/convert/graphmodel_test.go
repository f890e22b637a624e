package convert

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeGraphModel writes a tiny tfjs graph model: an input [-1,2,2,3], a
// 2x2 VALID conv to 4 channels (fused op given), a squeeze to [N,4].
func writeGraphModel(t *testing.T, convOp, fused, extra string) string {
	t.Helper()
	dir := t.TempDir()
	model := `{"format":"graph-model","userDefinedMetadata":{"signature":{"outputs":{"out":{"name":"out"}}}},
"modelTopology":{"node":[
 {"name":"x","op":"Placeholder","attr":{"shape":{"shape":{"dim":[{"size":"-1"},{"size":"2"},{"size":"2"},{"size":"3"}]}}}},
 {"name":"w","op":"Const"},{"name":"b","op":"Const"},
 {"name":"conv","op":"` + convOp + `","input":["x","w","b"],"attr":{"padding":{"s":"VkFMSUQ="},"strides":{"list":{"i":["1","1","1","1"]}},"fused_ops":{"list":{"s":[` + fused + `]}}}},
 {"name":"sq","op":"Squeeze","input":["conv"],"attr":{"squeeze_dims":{"list":{"i":["1","2"]}}}}` + extra + `
]},
"weightsManifest":[{"paths":["m.bin"],"weights":[{"name":"w","shape":[2,2,3,4],"dtype":"float32"},{"name":"b","shape":[4],"dtype":"float32"}]}]}`
	if err := os.WriteFile(filepath.Join(dir, "m.bin"), make([]byte, 4*(48+4)), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "model.json")
	if err := os.WriteFile(p, []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGraphModelConversion(t *testing.T) {
	const biasAdd = `"Qmlhc0FkZA=="`
	const relu = `"UmVsdQ=="`
	cases := []struct {
		name, op, fused, extra, out, wantErr string
	}{
		{"conv with bias", "_FusedConv2D", biasAdd, "", "sq", ""},
		{"conv with bias and relu", "_FusedConv2D", biasAdd + "," + relu, "", "sq", ""},
		{"unknown fusion", "_FusedConv2D", `"UHJlbHU="`, "", "sq", "fused_ops"},
		{"unsupported op names the node", "_FusedConv2D", biasAdd, `,{"name":"odd","op":"Softplus","input":["sq"]}`, "odd", `node "odd" (Softplus): op not supported`},
		{"missing input", "_FusedConv2D", biasAdd, `,{"name":"bad","op":"Relu","input":["nowhere"]}`, "bad", `node "nowhere" is not in the graph`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gm, err := LoadGraphModel(writeGraphModel(t, c.op, c.fused, c.extra))
			if err != nil {
				t.Fatal(err)
			}
			g, err := gm.ToONNX("t", "input", c.out, "y", 4)
			if c.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if g.NumNodes() < 3 {
					t.Errorf("graph has %d nodes, want transpose, conv and reshape at least", g.NumNodes())
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, c.wantErr)
			}
		})
	}
}

func TestGraphModelRejectsWrongFormat(t *testing.T) {
	p := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(p, []byte(`{"format":"layers-model"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadGraphModel(p); err == nil || !strings.Contains(err.Error(), `want "graph-model"`) {
		t.Fatalf("error %v, want a format error", err)
	}
}
