package report

import (
	"vigie/metrics"
)

// The section "Where a calibrated run's figures come from": a calibrated
// recognizer takes its level from a deployed-system profile and the shape
// of its errors from the open pipeline, factor by factor; the section says
// how many factors came from each side and lists them.

// calibrationText is the section, formatted; nil when the run was not
// calibrated.
type calibrationText struct {
	Intro, Count string
	Rows         []calibrationRow
}

// calibrationRow is one factor: what it multiplies, for whom or which
// conditions, the pipeline's ratio with its interval, the profile's, and
// which the run used.
type calibrationRow struct {
	Rate, For, Pipeline, Profile, Used string
}

func (in tongue) calibrationSectionText(res metrics.Results) *calibrationText {
	rep := res.Recognizer
	if rep == nil || rep.Calibration == nil {
		return nil
	}
	c := rep.Calibration
	t := &calibrationText{Intro: in.T("calib.intro", in.quote(c.Profile), in.facesPhrase(rep.FaceSource),
		in.Decimal(c.Threshold, 3), in.percent(c.ReferenceFMR), c.ReferenceBin, in.count(c.Resamples),
		in.Decimal(c.MissThreshold, 3), in.percent(c.ReferenceMiss))}
	fromPipeline := 0
	for _, f := range c.Factors {
		row := calibrationRow{Rate: in.T("calib.rate_miss"), For: f.Group + f.Bin, Profile: in.Decimal(f.Profile, 2),
			Pipeline: in.T("calib.not_measured"), Used: in.T("calib.from_profile")}
		if f.Rate == metrics.RateFalseMatch {
			row.Rate = in.T("calib.rate_false_match")
		}
		if f.Measured {
			row.Pipeline = in.Decimal(f.Pipeline, 2)
			if f.Bounded {
				row.Pipeline = in.T("calib.ratio_ci", row.Pipeline, in.Decimal(f.PipelineCI[0], 2), in.Decimal(f.PipelineCI[1], 2))
			}
		}
		if f.From == metrics.FromPipeline {
			row.Used = in.T("calib.from_pipeline")
			fromPipeline++
		}
		t.Rows = append(t.Rows, row)
	}
	t.Count = in.T("calib.count", fromPipeline, len(c.Factors), len(c.Factors)-fromPipeline, in.Decimal(c.MaxSpread, 0))
	return t
}
