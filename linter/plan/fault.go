package plan

import (
	"runtime"
	"sync"
)

// mappings are the plan files Load mapped into memory. When another process truncates such a file
// (an editor saving, a pipeline step rewriting it), reading a page past its new end raises SIGBUS;
// with debug.SetPanicOnFault that becomes a panic whose address names the mapping, and so the file.
// The registry is process-wide because mappings are: they live until the process exits.
var mappings struct {
	sync.Mutex
	files []mappedFile
}

type mappedFile struct {
	path       string
	start, end uintptr
}

func registerMapping(path string, data []byte) {
	start := uintptrOf(data)
	mappings.Lock()
	defer mappings.Unlock()
	mappings.files = append(mappings.files, mappedFile{path: path, start: start, end: start + uintptr(len(data))})
}

// ChangedWhileRead turns a value recovered from a panic into the InputError for a plan file that
// changed under hybridlint, when the panic is a memory fault (see debug.SetPanicOnFault) inside a
// mapped plan. Any other panic is not ours to explain: ok is false.
func ChangedWhileRead(recovered any) (err *InputError, ok bool) {
	fault, isFault := recovered.(interface {
		runtime.Error
		Addr() uintptr
	})
	if !isFault {
		return nil, false
	}
	addr := fault.Addr()
	mappings.Lock()
	defer mappings.Unlock()
	for _, m := range mappings.files {
		if addr >= m.start && addr < m.end {
			return &InputError{Path: m.path, Problem: "the file was truncated or rewritten while hybridlint read it",
				Hint: "wait until whatever writes it has finished, then run hybridlint again"}, true
		}
	}
	return nil, false
}
