package search

import (
	"errors"
	"reflect"
	"testing"
)

func TestShardRoundTrip(t *testing.T) {
	dense := make([]uint32, 0, 5000)
	for i := uint32(100); i < 5100; i++ {
		dense = append(dense, i)
	}
	postings := map[string][]uint32{
		"f馬斯": {0, 7, 8, 1 << 20}, "wneuralink": {3}, "fab": dense, "s" + string(syllableRune(1)) + string(syllableRune(2)): {1, 2},
	}
	tokens := []string{"f馬斯", "wneuralink", "fab", "s" + string(syllableRune(1)) + string(syllableRune(2))}
	b := EncodeShard(tokens, postings)
	if len(b) > 1200 {
		t.Errorf("shard of %d bytes: the dense list was not a bitmap", len(b))
	}
	got, err := DecodeShard(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, postings) {
		t.Errorf("DecodeShard(EncodeShard(p)) differs")
	}
	for _, bad := range [][]byte{nil, []byte("TGS"), []byte("XXXX"), []byte("TGS1\x05ab"), []byte("TGS1\x02ab\x09\x00"), []byte("TGS1\x02ab\xff")} {
		if _, err := DecodeShard(bad); !errors.Is(err, ErrBadShard) {
			t.Errorf("DecodeShard(%q) = %v, want ErrBadShard", bad, err)
		}
	}
}

func TestCoveringPairs(t *testing.T) {
	for in, want := range map[string][]string{
		"馬斯克":       {"馬斯", "斯克"},
		"人形機器人":     {"人形", "機器", "器人"},
		"neuralink": {"ne", "ur", "al", "in", "nk"},
		"ab":        {"ab"},
		"a":         nil,
		"a b":       nil,
		"ab cd":     {"ab", "cd"},
	} {
		if got := coveringPairs(in); !reflect.DeepEqual(got, want) {
			t.Errorf("coveringPairs(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecodeShard(f *testing.F) {
	f.Add(EncodeShard([]string{"fab", "f馬"}, map[string][]uint32{"fab": {1, 2, 3, 900}, "f馬": {5}}))
	f.Add([]byte("TGS1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeShard(b) // any bytes: an error or postings, never a panic
		if err == nil && m == nil {
			t.Fatal("DecodeShard = nil, nil")
		}
	})
}
