package main

import (
	"fmt"
	"go/scanner"
	"go/token"
)

// mutations is gremlins v0.6.0's replacement table (internal/engine/mappings.go, tokenMutations):
// for each mutator type, the token it replaces and its replacement. Kept identical, including
// INVERT_ASSIGNMENTS leaving %= as it is, so a mutant here is the mutant gremlins would have run.
// gremlins picks the types by token alone: a binary minus gets INVERT_NEGATIVES too, and a unary
// minus ARITHMETIC_BASE; both turn - into +.
var mutations = map[string]map[token.Token]token.Token{
	"ARITHMETIC_BASE": {
		token.ADD: token.SUB, token.MUL: token.QUO, token.QUO: token.MUL, token.REM: token.MUL, token.SUB: token.ADD,
	},
	"CONDITIONALS_BOUNDARY": {
		token.GEQ: token.GTR, token.GTR: token.GEQ, token.LEQ: token.LSS, token.LSS: token.LEQ,
	},
	"CONDITIONALS_NEGATION": {
		token.EQL: token.NEQ, token.GEQ: token.LSS, token.GTR: token.LEQ, token.LEQ: token.GTR,
		token.LSS: token.GEQ, token.NEQ: token.EQL,
	},
	"INCREMENT_DECREMENT": {token.DEC: token.INC, token.INC: token.DEC},
	"INVERT_ASSIGNMENTS": {
		token.ADD_ASSIGN: token.SUB_ASSIGN, token.MUL_ASSIGN: token.QUO_ASSIGN, token.QUO_ASSIGN: token.MUL_ASSIGN,
		token.REM_ASSIGN: token.REM_ASSIGN, token.SUB_ASSIGN: token.ADD_ASSIGN,
	},
	"INVERT_BITWISE": {
		token.AND: token.OR, token.OR: token.AND, token.XOR: token.AND, token.AND_NOT: token.AND,
		token.SHL: token.SHR, token.SHR: token.SHL,
	},
	"INVERT_BWASSIGN": {
		token.AND_ASSIGN: token.OR_ASSIGN, token.OR_ASSIGN: token.AND_ASSIGN, token.XOR_ASSIGN: token.AND_ASSIGN,
		token.AND_NOT_ASSIGN: token.AND_ASSIGN, token.SHL_ASSIGN: token.SHR_ASSIGN, token.SHR_ASSIGN: token.SHL_ASSIGN,
	},
	"INVERT_LOGICAL":   {token.LAND: token.LOR, token.LOR: token.LAND},
	"INVERT_LOOPCTRL":  {token.BREAK: token.CONTINUE, token.CONTINUE: token.BREAK},
	"INVERT_NEGATIVES": {token.SUB: token.ADD},
	"REMOVE_SELF_ASSIGNMENTS": {
		token.ADD_ASSIGN: token.ASSIGN, token.AND_ASSIGN: token.ASSIGN, token.AND_NOT_ASSIGN: token.ASSIGN,
		token.MUL_ASSIGN: token.ASSIGN, token.OR_ASSIGN: token.ASSIGN, token.QUO_ASSIGN: token.ASSIGN,
		token.REM_ASSIGN: token.ASSIGN, token.SHL_ASSIGN: token.ASSIGN, token.SHR_ASSIGN: token.ASSIGN,
		token.SUB_ASSIGN: token.ASSIGN, token.XOR_ASSIGN: token.ASSIGN,
	},
}

// mutate returns src with the token at offset replaced as mutatorType replaces it. gremlins rewrites
// the whole file with go/printer; replacing the token's bytes alone gives the same program and keeps
// every other position, so a compiler error still points at the original line. When the new token
// would fuse with a neighbour (`x+-1` with + turned into - would read `x--1`), it is set apart by
// spaces, as go/printer would print it.
func mutate(src []byte, offset int, mutatorType string) ([]byte, error) {
	replacements, ok := mutations[mutatorType]
	if !ok {
		return nil, fmt.Errorf("unknown mutator %s", mutatorType)
	}
	tok, end, err := tokenAt(src, offset)
	if err != nil {
		return nil, err
	}
	replacement, ok := replacements[tok]
	if !ok {
		return nil, fmt.Errorf("%s does not apply to the %q token at offset %d (is the log from this source?)", mutatorType, tok, offset)
	}
	for _, text := range []string{replacement.String(), " " + replacement.String() + " "} {
		out := make([]byte, 0, len(src)+len(text))
		out = append(out, src[:offset]...)
		out = append(out, text...)
		out = append(out, src[end:]...)
		if scansAs(out, offset, len(text), replacement) {
			return out, nil
		}
	}
	return nil, fmt.Errorf("replacing %q at offset %d by %q does not give a %q token", tok, offset, replacement, replacement)
}

// tokenAt returns the token starting exactly at offset and the offset just past it.
func tokenAt(src []byte, offset int) (token.Token, int, error) {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return token.ILLEGAL, 0, fmt.Errorf("no token starts at offset %d (is the log from this source?)", offset)
		}
		at := file.Offset(pos)
		if at < offset {
			continue
		}
		if at > offset || tok == token.SEMICOLON && lit == "\n" {
			return token.ILLEGAL, 0, fmt.Errorf("no token starts at offset %d (is the log from this source?)", offset)
		}
		return tok, at + len(tok.String()), nil
	}
}

// scansAs reports whether src, rescanned, has the token want somewhere in [offset, offset+width) and
// the next token starting at or after offset+width: the replacement fused with nothing.
func scansAs(src []byte, offset, width int, want token.Token) bool {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0)
	found := false
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			return found
		}
		at := file.Offset(pos)
		switch {
		case at < offset:
			if at+len(lit)+len(tokenText(tok, lit)) > offset && tok != token.SEMICOLON {
				return false // a token before the replacement now runs into it
			}
		case at < offset+width:
			if found || tok != want {
				return false
			}
			found = true
		default:
			return found
		}
	}
}

// tokenText is the source text of an operator or keyword token (its literal is empty).
func tokenText(tok token.Token, lit string) string {
	if lit != "" {
		return ""
	}
	return tok.String()
}
