package main

import (
	"go/ast"
	"go/token"
)

// reach says why a NOT COVERED mutant can be run, or that it cannot.
type reach int

const (
	// unreached: the mutant stays as gremlins reported it (nothing shows a test runs it).
	unreached reach = iota
	// packageLevel: outside every function body and function literal (a constant, a package-level
	// variable's initializer, an array length), where Go's cover profile never has a counter.
	packageLevel
	// caseCondition: in a case condition of a tagless switch whose case body a test ran.
	caseCondition
)

func (r reach) String() string {
	switch r {
	case packageLevel:
		return "package-level expression"
	case caseCondition:
		return "case condition of a tagless switch, its body covered"
	default:
		return "no sign a test runs it: left as gremlins reported it"
	}
}

// classify decides whether the mutant at pos of file is runnable although gremlins found no
// coverage for it (go-gremlins/gremlins#298; the rules of the open pull request #299).
func classify(fset *token.FileSet, file *ast.File, pos token.Pos, covered profile) reach {
	inFunction := false
	var clause *ast.CaseClause // the innermost tagless-switch case whose condition holds pos
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false // only the nodes that hold pos matter
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Body != nil && n.Body.Pos() <= pos && pos < n.Body.End() {
				inFunction = true
			}
		case *ast.FuncLit:
			if n.Body.Pos() <= pos && pos < n.Body.End() {
				inFunction = true
			}
		case *ast.SwitchStmt:
			if n.Tag == nil {
				for _, stmt := range n.Body.List {
					c := stmt.(*ast.CaseClause)
					for _, cond := range c.List {
						if cond.Pos() <= pos && pos < cond.End() {
							clause = c
						}
					}
				}
			}
		}
		return true
	})
	if !inFunction {
		return packageLevel
	}
	if clause == nil {
		return unreached
	}
	for _, stmt := range clause.Body {
		at := fset.Position(stmt.Pos())
		if covered.covers(at.Filename, at.Line, at.Column) {
			return caseCondition
		}
	}
	return unreached
}
