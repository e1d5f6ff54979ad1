package finding

import "fmt"

// Location is a range in a configuration file: where a finding is fixed, or suppressed.
type Location struct {
	// File is the .tf file, relative to the working directory when it lies inside it, with forward
	// slashes, so that it matches the paths a repository and its pull requests use.
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
}

// String renders file:line, the form editors and terminals link.
func (l *Location) String() string {
	if l == nil {
		return ""
	}
	return fmt.Sprintf("%s:%d", l.File, l.Line)
}

// Caller is one module call on the way from the root module to a finding's resource.
type Caller struct {
	// Module is the module instance the call makes: module.api or module.fn["eu"].
	Module string `json:"module"`
	// Argument is the module argument through which the value at fault arrives, "" when it
	// does not pass through this call (the location is then the module block itself).
	Argument string `json:"argument,omitempty"`
	// Location is the argument when the value passes through it, else the module block; nil when
	// the call's source was not found.
	*Location
}

// Suppression says why a finding does not count.
type Suppression struct {
	// Kind is "inline" for a `# hybridlint:ignore` comment, "config" for an ignore block.
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
	// Expires is the date (YYYY-MM-DD) after which the suppression stops applying, "" for never.
	Expires string `json:"expires,omitempty"`
	// Location is the comment or the ignore block.
	Location *Location `json:"location,omitempty"`
}

// Note is something a run wants its reader to know that is not a finding: a suppression that
// matches nothing or has expired, or why findings carry no source locations. Reports list notes
// as "notices".
type Note struct {
	Message  string    `json:"message"`
	Location *Location `json:"location,omitempty"`
}

func (n Note) String() string {
	if n.Location != nil {
		return n.Location.String() + ": " + n.Message
	}
	return n.Message
}
