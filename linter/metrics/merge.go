package metrics

import (
	"fmt"
	"math"
)

// Merge combines the rows matched to one function (at plan address function) into what it did.
// Within one file, rows add up: counts are summed, maxima and percentiles take the largest, and
// averages weigh by the invocations behind them (the largest average when a row does not say
// how many). Two files about one function are two views of the same traffic, not more of it:
// the counts, the average and the window come from the first file (in command-line order) that
// gives invocations, and every file can raise a maximum.
func Merge(function string, rows []Row) Observation {
	return merge(function, rows, func(r Row) string { return r.File })
}

// MergeRegions merges the rows of a Lambda@Edge function. It runs, logs and reports metrics in
// each Region where CloudFront ran it, one export per Region, each with that Region's traffic
// only: rows of different files add up, as the rows of one file do (invocations and cold starts
// summed, averages weighted, the maxima the largest). Only rows of different kinds (a Logs
// Insights log group, a get-metric-data function name, a CSV) are still taken as two views of
// the same traffic. The p99 is the largest of the Regions' p99s: an upper bound of the p99 of
// all the traffic, which percentiles of parts cannot give exactly. Two exports of one Region
// would count its traffic twice: give each Region once.
func MergeRegions(function string, rows []Row) Observation {
	out := merge(function, rows, func(r Row) string { return fmt.Sprint(r.Kind) })
	files := map[string]bool{}
	for _, r := range rows {
		if r.Values.P99Ms.Known {
			files[r.File] = true
		}
	}
	out.P99UpperBound = len(files) > 1
	return out
}

// merge adds up the rows in each group (by file, or by kind) and merges the groups as views of
// the same traffic.
func merge(function string, rows []Row, group func(Row) string) Observation {
	var files []string
	byFile := map[string][]Row{}
	for _, r := range rows {
		k := group(r)
		if _, ok := byFile[k]; !ok {
			files = append(files, k)
		}
		byFile[k] = append(byFile[k], r)
	}
	out := Observation{Function: function}
	for _, r := range rows {
		out.Sources = append(out.Sources, r.Source())
	}
	var merged []Observation
	for _, f := range files {
		merged = append(merged, mergeFile(byFile[f]))
	}
	// The file that gives invocations comes first, so its counts and window are used together.
	for i, o := range merged {
		if o.Invocations.Known {
			merged[0], merged[i] = merged[i], merged[0]
			break
		}
	}
	out.WindowDays = merged[0].WindowDays
	for _, o := range merged {
		for _, f := range []struct{ dst, src *Number }{
			{&out.Invocations, &o.Invocations}, {&out.ColdStarts, &o.ColdStarts}, {&out.AvgMs, &o.AvgMs},
		} {
			if !f.dst.Known {
				*f.dst = *f.src
			}
		}
		raiseMaxima(&out, o)
	}
	return out
}

// mergeFile adds up the rows of one file about one function.
func mergeFile(rows []Row) Observation {
	var o Observation
	weighted, weights, maxAvg := 0.0, 0.0, math.Inf(-1)
	allWeighted, anyAvg := true, false
	for _, r := range rows {
		v := r.Values
		o.WindowDays = math.Max(o.WindowDays, v.WindowDays)
		add(&o.Invocations, v.Invocations)
		add(&o.ColdStarts, v.ColdStarts)
		if v.AvgMs.Known {
			anyAvg = true
			maxAvg = math.Max(maxAvg, v.AvgMs.Value)
			if r.weight > 0 {
				weighted += v.AvgMs.Value * r.weight
				weights += r.weight
			} else {
				allWeighted = false
			}
		}
		raiseMaxima(&o, v)
	}
	switch {
	case anyAvg && allWeighted && weights > 0:
		o.AvgMs = Of(weighted / weights)
	case anyAvg:
		o.AvgMs = Of(maxAvg)
	}
	return o
}

func add(dst *Number, v Number) {
	if v.Known {
		*dst = Of(dst.Value + v.Value)
	}
}

func raise(dst *Number, v Number) {
	if v.Known && (!dst.Known || v.Value > dst.Value) {
		*dst = v
	}
}

// raiseMaxima raises the maxima and percentiles of dst to src's where src's are larger.
func raiseMaxima(dst *Observation, src Observation) {
	raise(&dst.P99Ms, src.P99Ms)
	raise(&dst.MaxMs, src.MaxMs)
	raise(&dst.InitP50Ms, src.InitP50Ms)
	raise(&dst.MaxMemoryMB, src.MaxMemoryMB)
	raise(&dst.MemorySizeMB, src.MemorySizeMB)
	raise(&dst.MaxMemoryUtilization, src.MaxMemoryUtilization)
}
