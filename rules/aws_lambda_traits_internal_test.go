package rules

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
	live := versionRef{known: true, alias: "live", published: triMaybe}
	prod := versionRef{known: true, alias: "prod", published: triMaybe}
	v3 := literalQualifier("3")
	current := versionRef{known: true, current: true, published: triYes}
	liveOn3 := versionRef{known: true, alias: "live", version: "3", published: triYes}
	unknown := versionRef{published: triMaybe}
	tests := []struct {
		name string
		a, b versionRef
		want triState
	}{
		{"same alias name", live, literalQualifier("live"), triYes},
		{"different aliases", live, prod, triNo},
		{"$LATEST and $LATEST", latestRef, literalQualifier(""), triYes},
		{"$LATEST and a version", latestRef, v3, triNo},
		{"$LATEST and a published alias", latestRef, liveOn3, triNo},
		{"alias on the same version", liveOn3, v3, triYes},
		{"alias with an unknown version and a version", live, v3, triMaybe},
		{"both the function's current version", current, current, triYes},
		{"unknown", unknown, latestRef, triMaybe},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, sameVersion(tt.a, tt.b), tt.name)
		assert.Equal(t, tt.want, sameVersion(tt.b, tt.a), tt.name+" (swapped)")
	}
}

func TestDurationText(t *testing.T) {
	assert.Equal(t, "5 min", durationText(5*time.Minute))
	assert.Equal(t, "90 min", durationText(90*time.Minute))
	assert.Equal(t, "2 h", durationText(2*time.Hour))
	assert.Equal(t, "14 h 5 min", durationText(14*time.Hour+5*time.Minute))
	assert.Equal(t, "2 d 14 h", durationText(62*time.Hour))
	assert.Equal(t, "3 d", durationText(72*time.Hour))
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
		minGap, maxGap, ok := awsScheduleGaps(tt.expr)
		assert.Equal(t, tt.ok, ok, tt.expr)
		assert.Equal(t, tt.min, minGap, tt.expr)
		assert.Equal(t, tt.max, maxGap, tt.expr)
	}
}
