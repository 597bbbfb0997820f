package client

import (
	"encoding/json"
	"testing"
)

func BenchmarkEncodeUpdate(b *testing.B) {
	p := UpdateParticipantParams{
		Muted: ptr(true), Hold: ptr(false),
		AnnounceURL: ptr("https://example.com/announce?x=1"), AnnounceMethod: ptr("POST"),
		HoldURL: ptr("https://example.com/hold"), WaitURL: ptr("https://example.com/wait"),
	}
	b.ReportAllocs()
	for b.Loop() {
		if body := p.Encode().Encode(); body == "" {
			b.Fatal("empty body")
		}
	}
}

func BenchmarkDecodeParticipant(b *testing.B) {
	data := []byte(participantJSON(testCall, true))
	b.ReportAllocs()
	for b.Loop() {
		var p Participant
		if err := json.Unmarshal(data, &p); err != nil {
			b.Fatal(err)
		}
	}
}
