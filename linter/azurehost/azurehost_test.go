package azurehost_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/hybridlint/terraform-provider-hybrid/linter/azurehost"
	"github.com/hybridlint/terraform-provider-hybrid/linter/serverless"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		json string
		want *serverless.AzureHost
		err  string
	}{
		{name: "hh:mm:ss", json: `{"version": "2.0", "functionTimeout": "00:10:00"}`,
			want: &serverless.AzureHost{FunctionTimeout: 10 * time.Minute, Source: "app/host.json"}},
		{name: "no limit", json: `{"version": "2.0", "functionTimeout": "-1"}`,
			want: &serverless.AzureHost{Unbounded: true, Source: "app/host.json"}},
		{name: "with a byte-order mark", json: "\xef\xbb\xbf" + `{"functionTimeout": "01:00:00"}`,
			want: &serverless.AzureHost{FunctionTimeout: time.Hour, Source: "app/host.json"}},
		{name: "no functionTimeout", json: `{"version": "2.0", "logging": {"logLevel": {"default": "Information"}}}`},
		{name: "null functionTimeout", json: `{"functionTimeout": null}`},
		{name: "not JSON", json: `{"functionTimeout": "00:10:00",}`,
			err: "app/host.json: not a valid host.json: invalid character '}'"},
		{name: "not an object", json: `["00:10:00"]`, err: "app/host.json: not a valid host.json"},
		{name: "a number", json: `{"functionTimeout": 600}`,
			err: `app/host.json: functionTimeout is 600, not a string: write it as "hh:mm:ss" ("00:10:00"), or "-1" for no limit`},
		{name: "seconds written bare", json: `{"functionTimeout": "600"}`,
			err: `app/host.json: functionTimeout: "600" is not a timespan: write it as "hh:mm:ss" ("00:10:00" is ten minutes), or "-1" for no limit`},
		{name: "zero", json: `{"functionTimeout": "00:00:00"}`, err: `app/host.json: functionTimeout: "00:00:00" is below the 00:00:01`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := azurehost.Parse("app/host.json", []byte(tt.json))
			if tt.err != "" {
				require.ErrorContains(t, err, tt.err)
				require.Nil(t, got)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestLoadAndDiscover(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "host.json")

	got, err := azurehost.Discover(dir)
	require.NoError(t, err, "no host.json beside the configuration is not an error")
	require.Nil(t, got)

	_, err = azurehost.Load(path)
	require.ErrorContains(t, err, path+": no such file: check the --azure-host-json path")

	require.NoError(t, os.WriteFile(path, []byte(`{"version": "2.0", "functionTimeout": "00:07:30"}`), 0o644))
	got, err = azurehost.Discover(dir)
	require.NoError(t, err)
	require.Equal(t, &serverless.AzureHost{FunctionTimeout: 7*time.Minute + 30*time.Second, Source: path}, got)

	require.NoError(t, os.WriteFile(path, []byte(`{"functionTimeout": "10"}`), 0o644))
	_, err = azurehost.Discover(dir)
	require.ErrorContains(t, err, path+": functionTimeout:", "a bad file found beside the configuration is reported, not ignored")

	require.NoError(t, os.Chmod(path, 0o000))
	if _, readErr := os.ReadFile(path); readErr != nil { // root reads anything
		_, err = azurehost.Load(path)
		require.ErrorContains(t, err, path+": reading the Azure Functions host.json")
	}
}
