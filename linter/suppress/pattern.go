package suppress

import (
	"fmt"
	"regexp"
	"strings"
)

// Pattern matches resource instance addresses. `*` stands for any run of characters; a part
// written without an instance key matches every instance of it, so
//
//	module.workers.aws_lambda_function.this     matches module.workers["eu"].aws_lambda_function.this[0]
//	module.workers["eu"].*                      matches everything in that one module instance
//	*.aws_lambda_function.batch                 matches that resource in any module
//	aws_lambda_function.*                       matches every function of the root module
type Pattern struct {
	text string
	re   *regexp.Regexp
}

// CompilePattern checks and compiles an address pattern.
func CompilePattern(text string) (*Pattern, error) {
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("the address pattern is empty")
	}
	var b strings.Builder
	b.WriteString("^")
	anyKey := `(?:\[[^\]]*\])?`
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '*':
			b.WriteString(".*")
			i++
		case c == '[':
			end := strings.IndexByte(text[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("%q: an instance key opened with [ is not closed", text)
			}
			key := text[i+1 : i+end]
			if key == "*" {
				b.WriteString(`\[[^\]]*\]`)
			} else {
				b.WriteString(regexp.QuoteMeta(text[i : i+end+1]))
			}
			i += end + 1
		case c == '.':
			if i > 0 && text[i-1] != ']' && text[i-1] != '*' {
				b.WriteString(anyKey)
			}
			b.WriteString(`\.`)
			i++
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
			i++
		}
	}
	if last := text[len(text)-1]; last != ']' && last != '*' {
		b.WriteString(anyKey)
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid address pattern: %w", text, err)
	}
	return &Pattern{text: text, re: re}, nil
}

// Match reports whether the address matches.
func (p *Pattern) Match(address string) bool { return p.re.MatchString(address) }

func (p *Pattern) String() string { return p.text }
