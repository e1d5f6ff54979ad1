package platform

import (
	"fmt"
	"strings"
)

// Platform names where a hybrid unit's function or container runs. The names are the values users
// write in the provider's `function.platform` and `container.platform` arguments and in the
// "hybrid_platform" data source, so they are part of the public contract.
type Platform string

// Function platforms.
const (
	AWSLambda                 Platform = "aws_lambda"
	GCPFunctionsGen1          Platform = "gcp_functions_gen1"
	GCPFunctionsGen2          Platform = "gcp_functions_gen2"
	GCPCloudRun               Platform = "gcp_cloud_run"
	AzureFunctionsConsumption Platform = "azure_functions_consumption"
	AzureFunctionsFlex        Platform = "azure_functions_flex"
	AzureFunctionsPremium     Platform = "azure_functions_premium"
)

// Container platforms. GCPCloudRun is both: a service that scales to zero is the function half,
// one with minimum instances is the container half.
const (
	AWSFargate         Platform = "aws_fargate"
	AzureContainerApps Platform = "azure_container_apps"
)

// Cloud is the provider behind a platform; schedule syntax and price regions follow it.
type Cloud string

// The three clouds hybridlint understands.
const (
	AWS   Cloud = "aws"
	GCP   Cloud = "gcp"
	Azure Cloud = "azure"
)

// Platforms lists every platform in a stable order (functions first, then containers).
func Platforms() []Platform {
	return []Platform{
		AWSLambda, GCPFunctionsGen1, GCPFunctionsGen2, GCPCloudRun,
		AzureFunctionsConsumption, AzureFunctionsFlex, AzureFunctionsPremium,
		AWSFargate, AzureContainerApps,
	}
}

// FunctionPlatforms lists the platforms a hybrid unit's `function` block accepts.
func FunctionPlatforms() []Platform {
	return []Platform{
		AWSLambda, GCPFunctionsGen1, GCPFunctionsGen2, GCPCloudRun,
		AzureFunctionsConsumption, AzureFunctionsFlex, AzureFunctionsPremium,
	}
}

// ContainerPlatforms lists the platforms a hybrid unit's `container` block accepts.
func ContainerPlatforms() []Platform {
	return []Platform{AWSFargate, GCPCloudRun, AzureContainerApps}
}

// ParsePlatform turns user input into a Platform. The error lists the accepted names, so it can
// be shown to the user as is.
func ParsePlatform(s string) (Platform, error) {
	for _, p := range Platforms() {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown platform %q: use one of %s", s, joinPlatforms(Platforms()))
}

// Valid reports whether p is one of Platforms.
func (p Platform) Valid() bool {
	_, err := ParsePlatform(string(p))
	return err == nil
}

// IsFunction reports whether p can host the function half of a unit.
func (p Platform) IsFunction() bool { return contains(FunctionPlatforms(), p) }

// IsContainer reports whether p can host the always-on container half of a unit.
func (p Platform) IsContainer() bool { return contains(ContainerPlatforms(), p) }

// Cloud returns the cloud p belongs to, or "" for an unknown platform.
func (p Platform) Cloud() Cloud {
	switch {
	case strings.HasPrefix(string(p), "aws_"):
		return AWS
	case strings.HasPrefix(string(p), "gcp_"):
		return GCP
	case strings.HasPrefix(string(p), "azure_"):
		return Azure
	}
	return ""
}

func contains(ps []Platform, p Platform) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func joinPlatforms(ps []Platform) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = string(p)
	}
	return strings.Join(names, ", ")
}
