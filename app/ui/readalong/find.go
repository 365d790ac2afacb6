package readalong

import (
	"fmt"
	"sort"

	"tingo/app/search"
)

// Find is the search's state in the page: the query and its hits, which segments show marks (and which
// spans), the segments whose marks are still to be written, and the mark "k / N" points at. A keystroke
// costs what it changes: only the segments whose marks differ are queued.
type Find struct {
	query   string
	hits    []search.Hit
	marked  map[int]string // segments whose text holds marks now, with the spans they show
	marks   int            // how many marks there are
	pending []int          // segments still to (un)mark, nearest the screen first
	gen     int            // counts queries: pending work of an older one is dropped
	current int            // the mark "k / N" points at; -1 before the reader steps
}

// NewFind is a search with no query.
func NewFind() *Find { return &Find{current: -1, marked: map[int]string{}} }

// Set takes a query and its hits (in segment order): the segments whose marks change are queued,
// nearest segment at first, and the current mark is forgotten.
func (f *Find) Set(q string, hits []search.Hit, at int) {
	f.query, f.hits = q, hits
	now := make(map[int]string, len(hits))
	f.marks = 0
	var todo []int
	for _, h := range hits {
		key := fmt.Sprint(h.Spans)
		now[h.Segment] = key
		f.marks += len(h.Spans)
		if f.marked[h.Segment] != key {
			todo = append(todo, h.Segment)
		}
	}
	for i := range f.marked {
		if _, ok := now[i]; !ok {
			todo = append(todo, i)
		}
	}
	f.marked = now
	f.gen++
	sort.Slice(todo, func(a, b int) bool {
		da, db := abs(todo[a]-at), abs(todo[b]-at)
		return da < db || da == db && todo[a] < todo[b]
	})
	f.pending = todo
	f.current = -1
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (f *Find) Query() string      { return f.query }
func (f *Find) Hits() []search.Hit { return f.hits }
func (f *Find) Marks() int         { return f.marks }
func (f *Find) Generation() int    { return f.gen }
func (f *Find) Pending() int       { return len(f.pending) }
func (f *Find) Current() int       { return f.current }
func (f *Find) Take(n int) []int   { return TakeSome(&f.pending, n) }
func (f *Find) TakeAll() []int     { return f.Take(len(f.pending)) }

// HitOf is segment i's hit.
func (f *Find) HitOf(i int) (search.Hit, bool) {
	k := sort.Search(len(f.hits), func(k int) bool { return f.hits[k].Segment >= i })
	if k < len(f.hits) && f.hits[k].Segment == i {
		return f.hits[k], true
	}
	return search.Hit{}, false
}

// Step moves the current mark by dir (1 next, -1 previous) among n, round the ends; the first step
// goes to the first mark, or the last going back. It gives the mark that was current (-1 for none) and
// the one now.
func (f *Find) Step(dir, n int) (prev, cur int) {
	if n == 0 {
		return -1, -1
	}
	prev = f.current
	if prev >= n {
		prev = -1
	}
	switch {
	case f.current < 0 && dir > 0:
		f.current = 0
	case f.current < 0:
		f.current = n - 1
	default:
		f.current = ((f.current+dir)%n + n) % n
	}
	return prev, f.current
}

// Count is what the count beside the search box says: nothing without a query, noHits without a mark,
// "– / N" before the reader steps, else "k / N".
func (f *Find) Count(noHits string) string {
	switch {
	case f.query == "":
		return ""
	case f.marks == 0:
		return noHits
	case f.current < 0:
		return fmt.Sprintf("– / %d", f.marks)
	default:
		return fmt.Sprintf("%d / %d", f.current+1, f.marks)
	}
}

// TakeSome takes up to n segments off the front of a queue of segments to rewrite.
func TakeSome(q *[]int, n int) []int {
	n = max(0, min(n, len(*q)))
	some := (*q)[:n:n]
	*q = (*q)[n:]
	return some
}
