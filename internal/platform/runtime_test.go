package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseRuntime(t *testing.T) {
	tests := []struct {
		id           string
		family       RuntimeFamily
		major, minor int
	}{
		{"java8.al2", RuntimeJava, 8, -1},
		{"java21", RuntimeJava, 21, -1},
		{"python3.12", RuntimePython, 3, 12},
		{"dotnetcore3.1", RuntimeDotnet, 3, 1},
		{"dotnet8", RuntimeDotnet, 8, -1},
		{"nodejs20.x", RuntimeNode, 20, -1},
		{"ruby3.3", RuntimeRuby, 3, 3},
		{"go1.x", RuntimeGo, 1, -1},
		{"provided.al2023", RuntimeProvided, -1, -1},
		{"dotnet-isolated", RuntimeDotnet, -1, -1},
		{"JAVA17", RuntimeJava, 17, -1},
		{"cobol", RuntimeUnknown, -1, -1},
		{"", RuntimeUnknown, -1, -1},
	}
	for _, tt := range tests {
		r := ParseRuntime(tt.id)
		assert.Equal(t, tt.family, r.Family, tt.id)
		assert.Equal(t, tt.major, r.Major, tt.id)
		assert.Equal(t, tt.minor, r.Minor, tt.id)
	}
}

func TestHeavyRuntimes(t *testing.T) {
	tests := []struct {
		id                  string
		java, dotnet, heavy bool
	}{
		{"java11", true, false, true},
		{"java8.al2", true, false, true},
		{"java", true, false, true},
		{"dotnet8", false, true, true},
		{"dotnetcore3.1", false, true, true},
		{"dotnet-isolated", false, true, true},
		{"python3.12", false, false, false},
		{"nodejs22.x", false, false, false},
		{"provided.al2023", false, false, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.java, IsJava(tt.id), tt.id)
		assert.Equal(t, tt.dotnet, IsDotnet(tt.id), tt.id)
		assert.Equal(t, tt.heavy, IsHeavyRuntime(tt.id), tt.id)
	}
}

func TestSnapStartSupportsRuntime(t *testing.T) {
	tests := []struct {
		id string
		ok bool
	}{
		{"java11", true}, {"java17", true}, {"java21", true}, {"java25", true},
		{"java8.al2", false}, {"java8", false},
		{"python3.12", true}, {"python3.13", true}, {"python3.14", true},
		{"python3.11", false}, {"python3.9", false},
		{"dotnet8", true}, {"dotnet10", true}, {"dotnet6", false}, {"dotnetcore3.1", false},
		{"nodejs24.x", false}, {"ruby3.4", false}, {"provided.al2023", false}, {"", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.ok, SnapStartSupportsRuntime(tt.id), tt.id)
	}
}
