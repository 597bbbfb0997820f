package client

import (
	"strings"
	"testing"
)

func TestBaseURL(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{in: "example.signalwire.com", want: "https://example.signalwire.com/api/laml/2010-04-01"},
		{in: "  Example.SignalWire.com  ", want: "https://example.signalwire.com/api/laml/2010-04-01"},
		{in: "https://example.signalwire.com", want: "https://example.signalwire.com/api/laml/2010-04-01"},
		{in: "https://example.signalwire.com/", want: "https://example.signalwire.com/api/laml/2010-04-01"},
		{in: "HTTPS://example.signalwire.com", want: "https://example.signalwire.com/api/laml/2010-04-01"},
		{in: "https://x.signalwire.com/api/laml/2010-04-01", want: "https://x.signalwire.com/api/laml/2010-04-01"},
		{in: "https://x.signalwire.com/api/laml/2010-04-01/", want: "https://x.signalwire.com/api/laml/2010-04-01"},
		{in: "https://proxy.example.com/signalwire", want: "https://proxy.example.com/signalwire/api/laml/2010-04-01"},
		{in: "example.signalwire.com:8443", want: "https://example.signalwire.com:8443/api/laml/2010-04-01"},
		{in: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080/api/laml/2010-04-01"},
		{in: "http://127.1.2.3", want: "http://127.1.2.3/api/laml/2010-04-01"},
		{in: "http://localhost:9000/", want: "http://localhost:9000/api/laml/2010-04-01"},
		{in: "http://[::1]:8080", want: "http://[::1]:8080/api/laml/2010-04-01"},
		{in: "", wantErr: "must not be empty"},
		{in: "   ", wantErr: "must not be empty"},
		{in: "http://example.signalwire.com", wantErr: "HTTPS is required because the API token is sent with every request"},
		{in: "http://10.0.0.1:8080", wantErr: "only loopback test servers"},
		{in: "http://localhost.evil.com", wantErr: "HTTPS is required"},
		{in: "ftp://example.signalwire.com", wantErr: "scheme"},
		{in: "ws://127.0.0.1", wantErr: "scheme"},
		{in: "https://", wantErr: "no host"},
		{in: "https://user:pass@example.signalwire.com", wantErr: "credentials"},
		{in: "https://example.signalwire.com/?a=b", wantErr: "query or fragment"},
		{in: "https://example.signalwire.com/?", wantErr: "query or fragment"},
		{in: "https://example.signalwire.com/#frag", wantErr: "query or fragment"},
		{in: "https://exa mple.com", wantErr: "not a valid URL"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := BaseURL(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("BaseURL(%q) = %q, %v; want error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("BaseURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestIsLoopbackHost(t *testing.T) {
	tests := map[string]bool{
		"localhost":          true,
		"LOCALHOST":          true,
		"localhost:8080":     true,
		"127.0.0.1":          true,
		"127.255.255.254":    true,
		"127.0.0.1:443":      true,
		"::1":                true,
		"[::1]":              true,
		"[::1]:8080":         true,
		"":                   false,
		"128.0.0.1":          false,
		"10.0.0.1":           false,
		"::2":                false,
		"example.com":        false,
		"localhost.evil.com": false,
		"evil-localhost":     false,
	}
	for host, want := range tests {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}
