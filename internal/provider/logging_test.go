package provider

import (
	"maps"
	"testing"
)

func TestQuietUnreadLogs(t *testing.T) {
	off := map[string]string{"TF_LOG_PROVIDER_SIGNALWIRE": "off", "TF_LOG_SDK": "off", "TF_LOG_SDK_PROTO": "off", "TF_LOG_SDK_FRAMEWORK": "off"}
	for _, tc := range []struct {
		name  string
		env   map[string]string
		debug bool
		want  map[string]string
	}{
		{"nothing asks for logs", map[string]string{}, false, off},
		{"TF_LOG=off", map[string]string{"TF_LOG": "OFF"}, false, merge(off, map[string]string{"TF_LOG": "OFF"})},
		{"TF_LOG set", map[string]string{"TF_LOG": "trace"}, false, map[string]string{"TF_LOG": "trace"}},
		{"TF_LOG_PROVIDER set", map[string]string{"TF_LOG_PROVIDER": "debug"}, false, map[string]string{"TF_LOG_PROVIDER": "debug"}},
		{"this provider's logger set", map[string]string{"TF_LOG_PROVIDER_SIGNALWIRE": "info"}, false, map[string]string{"TF_LOG_PROVIDER_SIGNALWIRE": "info"}},
		{"an SDK logger set", map[string]string{"TF_LOG_SDK_PROTO": "trace"}, false, map[string]string{"TF_LOG_SDK_PROTO": "trace"}},
		{"debug mode", map[string]string{}, true, map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := maps.Clone(tc.env)
			err := quietUnreadLogs(tc.debug, func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(env, tc.want) {
				t.Errorf("environment %v, want %v", env, tc.want)
			}
		})
	}
}

func merge(a, b map[string]string) map[string]string {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}
