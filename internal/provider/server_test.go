package provider

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type ballastKey struct{}

func TestServeForwardsThenLetsGo(t *testing.T) {
	parent, cancel := context.WithDeadline(context.WithValue(context.Background(), ballastKey{}, "ballast"), time.Now().Add(time.Hour))
	defer cancel()
	var seen context.Context
	_, _ = serve(parent, 0, func(ctx context.Context, _ int) (int, error) {
		seen = ctx
		if ctx.Value(ballastKey{}) != "ballast" || ctx.Done() != parent.Done() || ctx.Err() != nil {
			t.Error("during the call the context is not its parent")
		}
		if d, ok := ctx.Deadline(); !ok || !d.Equal(func() time.Time { d, _ := parent.Deadline(); return d }()) {
			t.Error("the deadline was not forwarded")
		}
		return 0, nil
	})
	if seen.Value(ballastKey{}) != nil {
		t.Error("after the call the context still reaches its parent's values")
	}
	if seen.Err() != nil {
		t.Error("Err is set while Done is still open")
	}
	cancel()
	if seen.Err() == nil {
		t.Error("Err is nil after the parent's Done closed")
	}
}

// TestServerDoesNotKeepRequestContexts: each of 64 RPCs carries a context
// holding 1 MiB. terraform-plugin-framework keeps every RPC's context
// reachable; through the wrapper, none of them stays.
func TestServerDoesNotKeepRequestContexts(t *testing.T) {
	const calls, size = 64, 1 << 20
	heapAfter := func(server tfprotov6.ProviderServer) uint64 {
		for range calls {
			ctx := context.WithValue(context.Background(), ballastKey{}, make([]byte, size))
			_, _ = server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "signalwire_conference_participant"})
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	ours := newServer(New("test", "test")())()
	grown := int64(heapAfter(ours)) - int64(before.HeapAlloc)
	if grown > calls*size/4 {
		t.Errorf("the live heap grew by %d MiB over %d RPCs carrying 1 MiB each: their contexts were kept", grown>>20, calls)
	}
	runtime.KeepAlive(ours)

	framework := providerserver.NewProtocol6(New("test", "test")())()
	t.Logf("live heap growth over %d such RPCs: %d MiB through the wrapper, %d MiB on the framework's own server",
		calls, grown>>20, (int64(heapAfter(framework))-int64(before.HeapAlloc)-grown)>>20)
	runtime.KeepAlive(framework)
}
