package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/chronograph/chronograph/extract"
)

// articles writes n small articles to a temporary directory and returns
// their paths in order.
func articles(t *testing.T, n int) []string {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("a%03d.txt", i))
		text := fmt.Sprintf("Article %d. Norland and Estmark met in Geneva on Monday.\n", i)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

func TestAnalyseOrder(t *testing.T) {
	paths := articles(t, 200)
	paths = append(paths[:100:100], append([]string{filepath.Join(t.TempDir(), "missing.txt")}, paths[100:]...)...)
	var got []string
	var stderr bytes.Buffer
	failed, err := analyse(t.Context(), paths, nil, &stderr, extract.ReadOptions{}, func(a *extract.Analysis) error {
		got = append(got, a.Doc.Origin)
		return nil
	})
	if err != nil || failed != 1 {
		t.Fatalf("analyse() = %d, %v; want 1 failed input", failed, err)
	}
	want := append(paths[:100:100], paths[101:]...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("analyse() order mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(stderr.String(), "chronograph: open ") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("stderr = %q, want one error line", stderr.String())
	}
}

func TestAnalyseStops(t *testing.T) {
	paths := articles(t, 100)
	stop := errors.New("disk full")
	n := 0
	_, err := analyse(t.Context(), paths, nil, &bytes.Buffer{}, extract.ReadOptions{}, func(a *extract.Analysis) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	})
	if err != stop || n != 10 {
		t.Errorf("analyse() = %v after %d analyses, want %v after 10", err, n, stop)
	}

	ctx, cancel := context.WithCancel(t.Context())
	n = 0
	_, err = analyse(ctx, paths, nil, &bytes.Buffer{}, extract.ReadOptions{}, func(a *extract.Analysis) error {
		if n++; n == 5 {
			cancel()
		}
		return nil
	})
	if err == nil || err.Error() != "interrupted" {
		t.Errorf("analyse() cancelled = %v, want interrupted", err)
	}
}
