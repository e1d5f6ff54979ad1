//go:build !unix

package plan

import (
	"errors"
	"os"
)

func mapFile(*os.File, int64) ([]byte, error) { return nil, errors.New("not mapped on this platform") }

func releasePages([]byte) {}

func streamBuffer(int64) ([]byte, error) { return nil, errors.New("not mapped on this platform") }
