package tiny

import "testing"

// The tests reach Grade's first case but never at its boundary (21 against 20), so the boundary
// mutant of `n > Limit` lives and its negation dies.
func TestGrade(t *testing.T) {
	if got := Grade(25); got != "big" {
		t.Errorf("Grade(25) = %q, want big", got)
	}
	if got := Grade(5); got != "small" {
		t.Errorf("Grade(5) = %q, want small", got)
	}
}

func TestKind(t *testing.T) {
	if got := Kind(19); got != "almost" {
		t.Errorf("Kind(19) = %q, want almost", got)
	}
}

func TestGreeting(t *testing.T) {
	if got := Greeting(); got != "hello, world" {
		t.Errorf("Greeting() = %q", got)
	}
}

func TestDouble(t *testing.T) {
	if got := Double(3); got != 6 {
		t.Errorf("Double(3) = %d, want 6", got)
	}
}
