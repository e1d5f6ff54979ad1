//go:build unix && !linux

package plan

// releasePages does nothing here: the syscall package has Madvise on Linux only (darwin and freebsd,
// release targets, lack it), and the pages of a private read-only mapping are the OS's to drop anyway.
func releasePages([]byte) {}
