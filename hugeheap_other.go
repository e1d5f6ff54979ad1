//go:build !linux

package main

// hugeHeap does nothing here: transparent huge pages, and the page-fault cost they save, are
// Linux's (see hugeheap_linux.go).
func hugeHeap(int64) {}
