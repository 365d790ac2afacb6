package site

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"golang.org/x/net/netutil"
)

// ServeOptions say how `tingo serve` listens.
type ServeOptions struct {
	// Hosts are the names a request's Host header may give besides IP addresses and localhost (a name
	// for this machine on the network); "*" allows any. Other names are refused: a page on another site
	// could otherwise reach this server through a name it points here (DNS rebinding).
	Hosts []string
	// MaxConns bounds the connections open at once (256 when 0).
	MaxConns int
}

// Serve answers h on ln with timeouts a server facing a network needs: headers within 10 s, a request
// within a minute, idle connections closed after two, at most MaxConns connections at once. Responses
// have no write deadline: audio streams for as long as a listener plays it.
func Serve(ln net.Listener, h http.Handler, o ServeOptions) error {
	if o.MaxConns <= 0 {
		o.MaxConns = 256
	}
	srv := &http.Server{
		Handler:           hostCheck(o.Hosts, h),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	return srv.Serve(netutil.LimitListener(ln, o.MaxConns))
}

// hostCheck refuses requests whose Host is a name not allowed: IP addresses and localhost always are.
func hostCheck(hosts []string, h http.Handler) http.Handler {
	allowed := map[string]bool{"localhost": true}
	for _, n := range hosts {
		if n == "*" {
			return h
		}
		allowed[strings.ToLower(n)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if hh, _, err := net.SplitHostPort(host); err == nil {
			host = hh
		}
		host = strings.ToLower(strings.Trim(host, "[]"))
		if _, err := netip.ParseAddr(host); err != nil && !allowed[host] {
			http.Error(w, fmt.Sprintf("tingo serve does not answer for the name %q; start it with --allow-host %s to allow it", host, host), http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}
