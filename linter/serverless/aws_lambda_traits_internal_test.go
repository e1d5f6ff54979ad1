package serverless

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestMentionsWarm(t *testing.T) {
	tests := []struct {
		text   string
		strict bool
		want   bool
	}{
		{"keep-warm", true, true},
		{"api-keep_warm-prod", true, true},
		{"keepWarmApi", true, true},
		{"Keeps the checkout API warm", true, true},
		{"lambda-warmer", true, true},
		{"WarmUp schedule", true, true},
		{"warm up the function", true, true},
		{"pre-warm before the sale", true, true},
		{`{"source":"serverless-plugin-warmup"}`, false, true},
		{`{"warmer":true,"concurrency":3}`, false, true},
		{`{"warm": true}`, false, true},
		// A bare "warm" in a name is not enough; neither is "swarm" nor a warm storage tier.
		{"warm-storage-tier-migration", true, false},
		{"docker-swarm-cleanup", true, false},
		{"nightly report", true, false},
		{`{"action":"report"}`, false, false},
		{"", true, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, mentionsWarm(tt.text, tt.strict), "%q strict=%v", tt.text, tt.strict)
	}
}

func TestSameVersion(t *testing.T) {
	live := Qualifier{Known: true, Alias: "live", published: Maybe}
	prod := Qualifier{Known: true, Alias: "prod", published: Maybe}
	v3 := literalQualifier("3")
	current := Qualifier{Known: true, Current: true, published: Yes}
	liveOn3 := Qualifier{Known: true, Alias: "live", Version: "3", published: Yes}
	unknown := Qualifier{published: Maybe}
	tests := []struct {
		name string
		a, b Qualifier
		want Answer
	}{
		{"same alias name", live, literalQualifier("live"), Yes},
		{"different aliases", live, prod, No},
		{"$LATEST and $LATEST", latestRef, literalQualifier(""), Yes},
		{"$LATEST and a version", latestRef, v3, No},
		{"$LATEST and a published alias", latestRef, liveOn3, No},
		{"alias on the same version", liveOn3, v3, Yes},
		{"alias with an unknown version and a version", live, v3, Maybe},
		{"both the function's current version", current, current, Yes},
		{"unknown", unknown, latestRef, Maybe},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, sameVersion(tt.a, tt.b), tt.name)
		assert.Equal(t, tt.want, sameVersion(tt.b, tt.a), tt.name+" (swapped)")
	}
}

func TestDurationText(t *testing.T) {
	assert.Equal(t, "5 min", DurationText(5*time.Minute))
	assert.Equal(t, "90 min", DurationText(90*time.Minute))
	assert.Equal(t, "2 h", DurationText(2*time.Hour))
	assert.Equal(t, "14 h 5 min", DurationText(14*time.Hour+5*time.Minute))
	assert.Equal(t, "2 d 14 h", DurationText(62*time.Hour))
	assert.Equal(t, "3 d", DurationText(72*time.Hour))
}

func TestAWSScheduleGaps(t *testing.T) {
	tests := []struct {
		expr     string
		min, max time.Duration
		ok       bool
	}{
		{"rate(5 minutes)", 5 * time.Minute, 5 * time.Minute, true},
		{"rate(1 hour)", time.Hour, time.Hour, true},
		{"cron(0/5 * * * ? *)", 5 * time.Minute, 5 * time.Minute, true},
		// Office hours on weekdays: 5 minutes apart while it runs, a weekend between Friday 17:55 and Monday 08:00.
		{"cron(0/5 8-17 ? * MON-FRI *)", 5 * time.Minute, 62*time.Hour + 5*time.Minute, true},
		{"cron(0 12 * * ? *)", 24 * time.Hour, 24 * time.Hour, true},
		{"at(2027-01-01T00:00:00)", 0, 0, false},
		{"rate(five minutes)", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, tt := range tests {
		minGap, maxGap, ok := AWSScheduleGaps(tt.expr)
		assert.Equal(t, tt.ok, ok, tt.expr)
		assert.Equal(t, tt.min, minGap, tt.expr)
		assert.Equal(t, tt.max, maxGap, tt.expr)
	}
}
