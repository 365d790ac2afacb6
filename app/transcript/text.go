package transcript

import (
	"io"
	"math"
	"time"
)

// writeText writes the words alone: one paragraph a segment, the speaker named where a turn starts.
func writeText(w io.Writer, t *Transcript) error {
	bw := newErrWriter(w)
	speaker := ""
	for _, s := range t.Segments {
		if s.Speaker != "" && s.Speaker != speaker {
			bw.WriteString(s.Speaker + ": ")
		}
		speaker = s.Speaker
		bw.WriteString(flatten(s.Text))
		bw.WriteByte('\n')
	}
	return bw.flush()
}

// roundMillis gives seconds rounded to the millisecond, so JSON shows 1.5 rather than 1.5000000001.
func roundMillis(d time.Duration) float64 {
	return math.Round(d.Seconds()*1000) / 1000
}
