//go:build unix

package site

import (
	"fmt"
	"os"
	"syscall"
)

// lockOutput holds a lock on the output's lock file while a build writes it, so that two builds of one
// site do not clear each other's work; the system releases it when the process ends, however it ends.
func lockOutput(lockFile string) (release func(), err error) {
	f, err := os.OpenFile(lockFile, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("another tingo build is writing this output (%s is locked)", lockFile)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
		os.Remove(lockFile)
	}, nil
}
