package plan

import "syscall"

// releasePages tells the OS that the whole pages inside b will not be read again. The mapping is
// private and read-only, so a page read after all is simply read from the file again.
func releasePages(b []byte) {
	const page = 4096
	if len(b) < 2*page {
		return
	}
	start := (page - int(uintptrOf(b)%page)) % page
	end := start + (len(b)-start)/page*page
	if end-start >= page {
		_ = syscall.Madvise(b[start:end], syscall.MADV_DONTNEED)
	}
}
