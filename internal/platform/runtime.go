package platform

import (
	"strconv"
	"strings"
)

// RuntimeFamily is the language of a function runtime.
type RuntimeFamily string

// Runtime families hybridlint tells apart.
const (
	RuntimeJava     RuntimeFamily = "java"
	RuntimeDotnet   RuntimeFamily = "dotnet"
	RuntimePython   RuntimeFamily = "python"
	RuntimeNode     RuntimeFamily = "nodejs"
	RuntimeRuby     RuntimeFamily = "ruby"
	RuntimeGo       RuntimeFamily = "go"
	RuntimeProvided RuntimeFamily = "provided"
	RuntimeUnknown  RuntimeFamily = ""
)

// Runtime is a parsed runtime identifier such as "java8.al2", "python3.12" or "dotnetcore3.1".
type Runtime struct {
	ID     string
	Family RuntimeFamily
	// Major and Minor are the language version, or -1 when the identifier has none.
	Major, Minor int
}

// ParseRuntime splits a Lambda runtime identifier into family and version. It never fails: an
// identifier it cannot read has family RuntimeUnknown. Identifiers from other clouds parse by
// family too ("java17" on Cloud Functions, "dotnet-isolated" on Azure), though their versions may
// not follow Lambda's dotted form.
func ParseRuntime(id string) Runtime {
	s := strings.ToLower(strings.TrimSpace(id))
	r := Runtime{ID: id, Major: -1, Minor: -1}
	for _, f := range []struct {
		prefix string
		family RuntimeFamily
	}{
		{"dotnetcore", RuntimeDotnet}, {"dotnet", RuntimeDotnet}, {"java", RuntimeJava},
		{"python", RuntimePython}, {"nodejs", RuntimeNode}, {"node", RuntimeNode},
		{"ruby", RuntimeRuby}, {"go", RuntimeGo}, {"provided", RuntimeProvided},
	} {
		if strings.HasPrefix(s, f.prefix) {
			r.Family = f.family
			r.Major, r.Minor = parseVersion(s[len(f.prefix):])
			return r
		}
	}
	return r
}

// parseVersion reads "3.12", "8.al2", "21", "1.x" or "" into major and minor numbers.
func parseVersion(s string) (major, minor int) {
	major, minor = -1, -1
	first, rest, dotted := strings.Cut(s, ".") // not SplitN: rules parse every function's runtime
	if n, err := strconv.Atoi(first); err == nil {
		major = n
	}
	if dotted {
		second, _, _ := strings.Cut(rest, ".")
		if n, err := strconv.Atoi(second); err == nil {
			minor = n
		}
	}
	return major, minor
}

// atLeast reports whether the runtime's version is major.minor or newer.
func (r Runtime) atLeast(major, minor int) bool {
	if r.Major != major {
		return r.Major > major
	}
	return r.Minor >= minor || (minor <= 0 && r.Minor < 0)
}

// IsJava reports whether a runtime identifier is a Java runtime ("java8", "java8.al2", "java21";
// also Cloud Functions' "java17" and Azure's "java").
func IsJava(runtime string) bool { return ParseRuntime(runtime).Family == RuntimeJava }

// IsDotnet reports whether a runtime identifier is a .NET runtime ("dotnet8", "dotnetcore3.1";
// also Azure's "dotnet-isolated").
func IsDotnet(runtime string) bool { return ParseRuntime(runtime).Family == RuntimeDotnet }

// IsHeavyRuntime reports whether a runtime has heavy initialisation: Java and .NET start a VM and
// JIT-compile on cold start, 1-10 s in practitioner reports against under 0.4-0.7 s for Node,
// Python, Go and Ruby. Source: https://mikhail.io/serverless/coldstarts/aws/; cloudtoolstack and AWS
// serverlessland on SnapStart ("up to 10x faster"), practitioner reports. Read 2026-08.
func IsHeavyRuntime(runtime string) bool { return IsJava(runtime) || IsDotnet(runtime) }
