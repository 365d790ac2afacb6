package site

import (
	"tingo/app/spell"

	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// The caps on what a build reads. A larger file is an error naming its URL or path, never read in part.
const (
	MaxFeedSize       = 32 << 20 // a feed: 1,000 episodes with long show notes are some 10 MB
	MaxTranscriptSize = 32 << 20 // a transcript (transcript.MaxSize): some 300 hours of speech
	FetchTimeout      = time.Minute
	fetchParallel     = 4 // an item's files, and items, fetched at once
)

// LoadOptions say how a podcast is read.
type LoadOptions struct {
	// AllowPrivate lets a build fetch from loopback, link-local and private addresses (a local test
	// server). Off by default: a feed's URLs cannot reach the machine's own services or its network's.
	AllowPrivate bool
	// Client replaces the fetching client (tests); the address rules are then the client's own.
	Client *http.Client
	// Transcripts is a folder of transcript files, matched to the feed's items (match.go).
	Transcripts string
	// PreferLocal uses a matched file even where the feed names a <podcast:transcript>.
	PreferLocal bool
	// Spellings corrects the transcripts (--spellings); nil takes a folder's own spellings file
	// (podcast.json's "spellings", or spellings.txt beside it).
	Spellings *spell.List
}

// ErrPrivateAddress is what a fetch from a non-public address fails with.
var ErrPrivateAddress = errors.New("not a public address")

// publicOnly refuses, at dial time (after name resolution, for every redirect too), any address that is
// not public: loopback, private, link-local (169.254.169.254, a cloud's metadata service), shared
// (100.64/10), unspecified, multicast, documentation and reserved ranges.
func publicOnly(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return err
	}
	if !isPublic(ip) {
		return fmt.Errorf("%w: %s (--allow-private fetches from it)", ErrPrivateAddress, ip)
	}
	return nil
}

var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"), netip.MustParsePrefix("240.0.0.0/4"), netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"), netip.MustParsePrefix("2001:db8::/32"), netip.MustParsePrefix("2002::/16"),
	netip.MustParsePrefix("100::/64"),
}

func isPublic(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// client gives the client a build fetches with: no proxy from the environment, public addresses only
// unless allowed, at most five redirects and only to http(s), a deadline per fetch.
func (o LoadOptions) client() *http.Client {
	if o.Client != nil {
		return o.Client
	}
	d := &net.Dialer{Timeout: 15 * time.Second}
	if !o.AllowPrivate {
		d.Control = publicOnly
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		MaxIdleConnsPerHost:   fetchParallel,
	}
	return &http.Client{Transport: tr, Timeout: FetchTimeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("more than five redirects")
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %s: only http(s)", req.URL.Scheme)
		}
		return nil
	}}
}

// get fetches u, reading at most limit bytes: a longer answer is an error that names u, never a
// truncated file.
func get(ctx context.Context, client *http.Client, u string, limit int64, what string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", u, resp.Status)
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%s: %d bytes, over the %d MiB a %s may have", u, resp.ContentLength, limit>>20, what)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: over the %d MiB a %s may have", u, limit>>20, what)
	}
	return b, nil
}
