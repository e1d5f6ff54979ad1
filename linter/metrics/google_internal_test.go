package metrics

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Percentiles from Cloud Monitoring buckets: bucket 0 is the underflow (-Inf to the first bound),
// the last the overflow; inside a bucket the value is interpolated linearly.
func TestPercentileFromBuckets(t *testing.T) {
	tests := []struct {
		name    string
		options string
		counts  []float64
		q       float64
		want    Number
	}{
		{"linear, inside a bucket", `{"linearBuckets": {"numFiniteBuckets": 4, "width": 10, "offset": 0}}`, []float64{0, 10, 10, 0, 0, 0}, 0.75, Of(15)},
		{"exponential, at the top of a bucket", `{"exponentialBuckets": {"numFiniteBuckets": 4, "growthFactor": 2, "scale": 1}}`, []float64{0, 1, 1, 2}, 0.5, Of(4)},
		{"explicit, the underflow bucket gives its upper bound", `{"explicitBuckets": {"bounds": [5, 10]}}`, []float64{4, 0, 0}, 0.99, Of(5)},
		{"explicit, the overflow bucket gives its lower bound", `{"explicitBuckets": {"bounds": [5, 10]}}`, []float64{0, 1, 99}, 0.99, Of(10)},
		{"a negative offset is no measurement", `{"linearBuckets": {"numFiniteBuckets": 2, "width": 1, "offset": -10}}`, []float64{0, 5, 0, 0}, 0.5, Number{}},
		{"no samples", `{"linearBuckets": {"numFiniteBuckets": 2, "width": 1, "offset": 0}}`, []float64{0, 0}, 0.5, Number{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d distribution
			require.NoError(t, json.Unmarshal([]byte(`{"bucketOptions": `+tt.options+`}`), &d))
			require.NoError(t, d.check())
			got := percentile(&d, tt.counts, tt.q, 1)
			assert.Equal(t, tt.want.Known, got.Known)
			assert.InDelta(t, tt.want.Value, got.Value, 1e-9)
		})
	}
}
