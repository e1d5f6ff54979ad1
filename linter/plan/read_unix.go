//go:build unix

package plan

import (
	"os"
	"syscall"
)

func mapFile(f *os.File, size int64) ([]byte, error) {
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE)
}

// streamBuffer reserves size bytes of address space for reading a stream (a pipe, a device)
// whose length is unknown: pages cost memory only once written, and the buffer never grows by
// copying, so reading up to the size limit needs the limit once, not two or three times over.
func streamBuffer(size int64) ([]byte, error) {
	return syscall.Mmap(-1, 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
}
