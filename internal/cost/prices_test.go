package cost

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/internal/platform"
)

func TestDefaultPricesAreComplete(t *testing.T) {
	names := PriceNames()
	require.Len(t, names, 29)
	seen := map[string]bool{}
	for _, pr := range Default().List() {
		assert.False(t, seen[pr.Name], "duplicate price name %s", pr.Name)
		seen[pr.Name] = true
		assert.Greater(t, pr.USD, 0.0, pr.Name)
		assert.NotEmpty(t, pr.Unit, pr.Name)
		assert.NotEmpty(t, pr.Description, pr.Name)
		assert.NotEmpty(t, pr.Source, pr.Name)
		assert.Contains(t, []string{platform.DateLimitsRead, platform.DateLookedUp, platform.DateMinInstanceRatesLookedUp}, pr.Date, pr.Name)
		assert.False(t, pr.Overridden, pr.Name)
	}
}

func TestDefaultPricesComeFromPlatform(t *testing.T) {
	p := Default()
	assert.Equal(t, platform.LambdaUSDPerMillionRequests, p.LambdaRequests.USD)
	assert.Equal(t, platform.FargateUSDPerVCPUHour, p.FargateVCPUHour.USD)
	assert.Equal(t, platform.CloudRunInstanceBasedUSDPerGiBSecond, p.CloudRunInstanceGiBSecond.USD)
	assert.Equal(t, platform.SourceFargatePricing, p.FargateGBHour.Source)
	assert.Equal(t, platform.CloudRunMinInstanceIdleUSDPerVCPUSecond, p.CloudRunMinInstanceIdleVCPUSecond.USD)
	assert.Equal(t, platform.CloudRunMinInstanceIdleUSDPerGiBSecond, p.CloudRunMinInstanceIdleGiBSecond.USD)
	assert.Equal(t, platform.DateMinInstanceRatesLookedUp, p.CloudRunMinInstanceIdleGiBSecond.Date)
}

func TestOverride(t *testing.T) {
	p := Default()
	require.NoError(t, p.Override("aws_lambda_x86_64_gb_second", 0.00002))
	got, ok := p.Lookup("aws_lambda_x86_64_gb_second")
	require.True(t, ok)
	assert.Equal(t, 0.00002, got.USD)
	assert.True(t, got.Overridden)
	assert.Equal(t, "override", got.Source)
	assert.Equal(t, 0.00002, p.LambdaX86GBSecond.USD, "the struct field changes too")
	assert.Equal(t, platform.LambdaX86USDPerGBSecond, Default().LambdaX86GBSecond.USD, "Default is untouched")

	// The overridden price flows into every estimate.
	o, err := p.OnDemand(platform.AWSLambda, 1024, 1000, X86_64)
	require.NoError(t, err)
	assert.InDelta(t, 0.00002+0.0000002, o.At(1).USD, 1e-12)

	err = p.Override("aws_lambda_gb_second", 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unknown price "aws_lambda_gb_second": use one of aws_lambda_requests_per_million, aws_lambda_x86_64_gb_second`)
	assert.NotContains(t, err.Error(), "gcp_", "suggestions stay within the cloud")

	for _, bad := range []float64{-1, nan(), inf()} {
		assert.Error(t, p.Override("aws_fargate_gb_hour", bad))
	}
	assert.NoError(t, p.Override("aws_fargate_gb_hour", 0), "a free resource is a valid price")
}
func TestOverrideRefusesAbsurdPrices(t *testing.T) {
	p := Default()
	for _, usd := range []float64{1e308, math.Inf(1), math.NaN(), -1, MaxPriceUSD * 2} {
		assert.Error(t, p.Override("aws_lambda_x86_64_gb_second", usd), "%g", usd)
	}
	assert.NoError(t, p.Override("aws_lambda_x86_64_gb_second", MaxPriceUSD))
}

func TestFormatNeverOverflows(t *testing.T) {
	for _, usd := range []float64{1e300, math.Inf(1), math.NaN(), -1e19, MaxMonthlyUSD * 1.01} {
		assert.Equal(t, "n/a (beyond $1,000,000,000,000)", FormatUSD(usd), "%g", usd)
	}
	assert.Equal(t, "$1,000,000,000,000.00", FormatUSD(MaxMonthlyUSD))
	assert.Equal(t, "1e+300", FormatCount(1e300))
	assert.Equal(t, "+Inf", FormatCount(math.Inf(1)))
}
