package output

import (
	"fmt"
	"io"
	"reflect"

	"github.com/parquet-go/parquet-go"

	"vigie/metrics"
)

// parquetColumn is one column of sweep.parquet: its name, Go type (a
// pointer for a column that may be null) and how a row fills it.
type parquetColumn struct {
	name string
	typ  reflect.Type
	get  func(c cell) any
}

// cell is what one row of sweep.parquet describes: a point, a regime
// under it and one of its groups (nil where the regime has none).
type cell struct {
	row    SweepRow
	regime metrics.RegimeResult
	group  *metrics.GroupMetrics
}

var (
	tInt    = reflect.TypeFor[int64]()
	tUint   = reflect.TypeFor[uint64]()
	tFloat  = reflect.TypeFor[float64]()
	tOpt    = reflect.TypeFor[*float64]()
	tString = reflect.TypeFor[string]()
	tOptStr = reflect.TypeFor[*string]()
	tOptInt = reflect.TypeFor[*int64]()
	tBool   = reflect.TypeFor[bool]()
)

func regimeInt(name string, f func(m metrics.RegimeMetrics) int) parquetColumn {
	return parquetColumn{name, tInt, func(c cell) any { return int64(f(c.regime.Metrics)) }}
}

func regimeFloat(name string, f func(m metrics.RegimeMetrics) float64) parquetColumn {
	return parquetColumn{name, tFloat, func(c cell) any { return f(c.regime.Metrics) }}
}

func regimeOpt(name string, f func(m metrics.RegimeMetrics) *float64) parquetColumn {
	return parquetColumn{name, tOpt, func(c cell) any { return f(c.regime.Metrics) }}
}

func groupInt(name string, f func(g *metrics.GroupMetrics) int) parquetColumn {
	return parquetColumn{name, tOptInt, func(c cell) any {
		if c.group == nil {
			return (*int64)(nil)
		}
		v := int64(f(c.group))
		return &v
	}}
}

func groupFloat(name string, f func(g *metrics.GroupMetrics) float64) parquetColumn {
	return parquetColumn{name, tOpt, func(c cell) any {
		if c.group == nil {
			return (*float64)(nil)
		}
		v := f(c.group)
		return &v
	}}
}

// regimeColumns match sweep.csv's metric columns, by name and meaning.
var regimeColumns = []parquetColumn{
	regimeInt("passers_by", func(m metrics.RegimeMetrics) int { return m.PassersBy }),
	regimeInt("faces_scanned", func(m metrics.RegimeMetrics) int { return m.FacesScanned }),
	regimeInt("alerts", func(m metrics.RegimeMetrics) int { return m.Alerts }),
	regimeInt("true_alerts", func(m metrics.RegimeMetrics) int { return m.TrueAlerts }),
	regimeInt("false_alerts", func(m metrics.RegimeMetrics) int { return m.FalseAlerts }),
	regimeFloat("false_alert_share", func(m metrics.RegimeMetrics) float64 { return m.FalseAlertShare.Value }),
	regimeFloat("fpir_per_face", func(m metrics.RegimeMetrics) float64 { return m.FPIRPerFace.Value }),
	regimeFloat("fpir_per_passer", func(m metrics.RegimeMetrics) float64 { return m.FPIRPerPasser.Value }),
	regimeInt("confirmed_by_review", func(m metrics.RegimeMetrics) int { return m.Confirmed }),
	regimeInt("stops", func(m metrics.RegimeMetrics) int { return m.Stops }),
	regimeInt("false_stops", func(m metrics.RegimeMetrics) int { return m.FalseStops }),
	regimeFloat("innocent_stopped_per_100k", func(m metrics.RegimeMetrics) float64 { return m.InnocentStoppedPer100k }),
	regimeInt("wanted_located", func(m metrics.RegimeMetrics) int { return m.WantedLocated }),
	regimeInt("wanted_total", func(m metrics.RegimeMetrics) int { return m.WantedTotal }),
	regimeOpt("median_minutes_to_locate", func(m metrics.RegimeMetrics) *float64 { return m.MedianMinutesToLocate }),
	regimeInt("records_retained", func(m metrics.RegimeMetrics) int { return m.RecordsRetained }),
	regimeFloat("record_days", func(m metrics.RegimeMetrics) float64 { return m.RecordDays }),
	regimeInt("sensitive_visits", func(m metrics.RegimeMetrics) int { return m.SensitiveVisits }),
	regimeInt("baseline_sensitive_visits", func(m metrics.RegimeMetrics) int { return m.BaselineSensitiveVisits }),
	regimeFloat("sensitive_visit_change", func(m metrics.RegimeMetrics) float64 { return m.SensitiveVisitChange }),
	regimeOpt("fpir_differential", func(m metrics.RegimeMetrics) *float64 { return m.FPIRDifferential }),
}

// groupColumns are one group's figures under the regime; null on the one
// row of a regime that reports no groups.
var groupColumns = []parquetColumn{
	{"group", tOptStr, func(c cell) any {
		if c.group == nil {
			return (*string)(nil)
		}
		return &c.group.Group
	}},
	groupInt("group_population", func(g *metrics.GroupMetrics) int { return g.Population }),
	groupInt("group_passers_by", func(g *metrics.GroupMetrics) int { return g.PassersBy }),
	groupInt("group_faces_scanned", func(g *metrics.GroupMetrics) int { return g.FacesScanned }),
	groupInt("group_non_mated_searches", func(g *metrics.GroupMetrics) int { return g.NonMatedSearches }),
	groupInt("group_false_alerts", func(g *metrics.GroupMetrics) int { return g.FalseAlerts }),
	groupInt("group_false_stops", func(g *metrics.GroupMetrics) int { return g.FalseStops }),
	groupFloat("group_fpir", func(g *metrics.GroupMetrics) float64 { return g.FPIR }),
	groupFloat("group_fpir_ci_low", func(g *metrics.GroupMetrics) float64 { return g.FPIRCI[0] }),
	groupFloat("group_fpir_ci_high", func(g *metrics.GroupMetrics) float64 { return g.FPIRCI[1] }),
	groupFloat("group_fpir_per_passer", func(g *metrics.GroupMetrics) float64 { return g.FPIRPerPasser.Value }),
	groupFloat("group_false_stops_per_100k", func(g *metrics.GroupMetrics) float64 { return g.FalseStopsPer100k }),
	groupInt("group_sensitive_visits", func(g *metrics.GroupMetrics) int { return g.SensitiveVisits }),
	groupInt("group_baseline_sensitive_visits", func(g *metrics.GroupMetrics) int { return g.BaselineSensitiveVisits }),
}

// parameterColumn types a swept parameter's column by its values: integer,
// number, true/false, or text when they mix.
func parameterColumn(name string, k int, rows []SweepRow) parquetColumn {
	kind := ""
	for _, r := range rows {
		var vk string
		switch r.Values[k].(type) {
		case int, int64, uint64, int32, uint32:
			vk = "int"
		case float64, float32:
			vk = "float"
		case bool:
			vk = "bool"
		default:
			vk = "string"
		}
		switch {
		case kind == "" || kind == vk:
			kind = vk
		case (kind == "int" && vk == "float") || (kind == "float" && vk == "int"):
			kind = "float"
		default:
			kind = "string"
		}
	}
	v := func(c cell) reflect.Value { return reflect.ValueOf(c.row.Values[k]) }
	switch kind {
	case "int":
		return parquetColumn{name, tInt, func(c cell) any {
			if x := v(c); x.CanInt() {
				return x.Int()
			}
			return int64(v(c).Uint())
		}}
	case "float":
		return parquetColumn{name, tFloat, func(c cell) any {
			x := v(c)
			switch {
			case x.CanInt():
				return float64(x.Int())
			case x.CanUint():
				return float64(x.Uint())
			}
			return x.Float()
		}}
	case "bool":
		return parquetColumn{name, tBool, func(c cell) any { return c.row.Values[k].(bool) }}
	}
	return parquetColumn{name, tString, func(c cell) any { return fmt.Sprint(c.row.Values[k]) }}
}

// WriteSweepParquet writes sweep.parquet: a tidy table with one row per
// sweep point, regime and group, the point's parameters as columns named
// by their paths (typed by their values), the regime's figures as in
// sweep.csv, and the group's own figures. pandas.read_parquet and R's
// arrow::read_parquet read it.
func WriteSweepParquet(w io.Writer, params []string, rows []SweepRow) error {
	cols := []parquetColumn{
		{"point", tInt, func(c cell) any { return int64(c.row.Point) }},
		{"seed", tUint, func(c cell) any { return c.row.Seed }},
	}
	for k, p := range params {
		cols = append(cols, parameterColumn(p, k, rows))
	}
	cols = append(cols, parquetColumn{"regime", tString, func(c cell) any { return c.regime.Name }})
	cols = append(append(append(cols, regimeColumns...), galleryParquetColumns...), groupColumns...)
	fields := make([]reflect.StructField, len(cols))
	for i, c := range cols {
		tag := c.name
		if c.typ.Kind() == reflect.Pointer {
			tag += ",optional"
		}
		fields[i] = reflect.StructField{Name: fmt.Sprintf("C%d", i), Type: c.typ, Tag: reflect.StructTag(fmt.Sprintf("parquet:%q", tag))}
	}
	rowType := reflect.StructOf(fields)
	schema := parquet.SchemaOf(reflect.New(rowType).Elem().Interface())
	pw := parquet.NewWriter(w, schema, parquet.Compression(&parquet.Snappy), parquet.CreatedBy("vigie", "1.0.0", ""))
	write := func(c cell) error {
		rec := reflect.New(rowType).Elem()
		for i, col := range cols {
			rec.Field(i).Set(reflect.ValueOf(col.get(c)))
		}
		return pw.Write(rec.Interface())
	}
	for _, r := range rows {
		for _, reg := range r.Results.Regimes {
			if len(reg.Metrics.ByGroup) == 0 {
				if err := write(cell{r, reg, nil}); err != nil {
					return err
				}
			}
			for g := range reg.Metrics.ByGroup {
				if err := write(cell{r, reg, &reg.Metrics.ByGroup[g]}); err != nil {
					return err
				}
			}
		}
	}
	return pw.Close()
}
