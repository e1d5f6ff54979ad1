package serverless

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMillisAsSeconds(t *testing.T) {
	for ms, want := range map[int]string{
		29000: "29s",
		29500: "29.5s",
		29999: "29.999s", // not "30.0s": a 30 s timeout does not fit
		30001: "30.001s",
		50:    "0.05s",
		0:     "0s",
	} {
		assert.Equal(t, want, MillisAsSeconds(ms), "%d ms", ms)
	}
}
