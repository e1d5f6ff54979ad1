package provider

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
	"github.com/stretchr/testify/require"
)

// testAccProtoV6ProviderFactories serves the provider in-process to the real CLI that
// TF_ACC_TERRAFORM_PATH names (bin/tofu in this repository), so no registry is asked for it.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	TypeName: providerserver.NewProtocol6WithError(New("test")()),
}

// skipBelowProviderFunctions skips a test on CLIs without provider-defined functions: Terraform
// before 1.8, OpenTofu before 1.7. The version alone can't tell the two apart, so it asks the binary.
var skipBelowProviderFunctions tfversion.TerraformVersionCheck = functionsVersionCheck{}

type functionsVersionCheck struct{}

func (functionsVersionCheck) CheckTerraformVersion(ctx context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	minimum := version.Must(version.NewVersion("1.8.0"))
	if isOpenTofu(ctx, os.Getenv("TF_ACC_TERRAFORM_PATH")) {
		minimum = version.Must(version.NewVersion("1.7.0"))
	}
	if req.TerraformVersion.LessThan(minimum) {
		resp.Skip = "provider-defined functions need Terraform 1.8 or OpenTofu 1.7; this CLI is " + req.TerraformVersion.String()
	}
}

func isOpenTofu(ctx context.Context, bin string) bool {
	if bin == "" {
		return false
	}
	out, err := exec.CommandContext(ctx, bin, "version").Output()
	return err == nil && strings.HasPrefix(string(out), "OpenTofu")
}

// expectErrorText matches literal text in a CLI error. The CLI wraps long lines, so each space in
// text matches any run of white space.
func expectErrorText(text string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(text), " ", `\s+`))
}

// functionErrorCase is a configuration calling a provider function and text its error must contain.
type functionErrorCase struct{ config, want string }

func testFunctionErrors(t *testing.T, cases map[string]functionErrorCase) {
	t.Helper()
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{skipBelowProviderFunctions},
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: expectErrorText(tc.want)}},
			})
		})
	}
}

func TestProviderSchemaIsValid(t *testing.T) {
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	require.NoError(t, err)
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	require.NoError(t, err)
	for _, d := range resp.Diagnostics {
		t.Errorf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	require.Contains(t, resp.ResourceSchemas, "hybrid_unit")
	require.Contains(t, resp.DataSourceSchemas, "hybrid_platform")
	require.Contains(t, resp.Functions, "keep_warm_schedule")
	require.Contains(t, resp.Functions, "monthly_cost")
}
