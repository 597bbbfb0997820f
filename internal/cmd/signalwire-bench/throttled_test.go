package main

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseThrottleCases(t *testing.T) {
	got, err := parseThrottleCases("60@3, 1000@50")
	if err != nil || !reflect.DeepEqual(got, []throttleCase{{60, 3}, {1000, 50}}) {
		t.Fatalf("got %v, %v", got, err)
	}
	if got, err := parseThrottleCases(""); err != nil || got != nil {
		t.Fatalf("empty: %v, %v", got, err)
	}
	for _, bad := range []string{"60", "60@", "@3", "0@3", "60@0", "60@3,x"} {
		if _, err := parseThrottleCases(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestThrottleBound(t *testing.T) {
	row := throttleRow{throttleCase: throttleCase{N: 1000, PerSecond: 50}, Applied: 1000, Accepted: 1000,
		Wall: 40 * time.Second, Unthrottled: 15 * time.Second}
	if row.pace() != 20*time.Second || row.bound() != 43*time.Second || !row.met() {
		t.Fatalf("pace %v, bound %v, met %v", row.pace(), row.bound(), row.met())
	}
	for _, broken := range []func(*throttleRow){
		func(r *throttleRow) { r.Applied = 999 },
		func(r *throttleRow) { r.Accepted = 1001 },
		func(r *throttleRow) { r.Other = 1 },
		func(r *throttleRow) { r.Wall = 44 * time.Second },
	} {
		r := row
		broken(&r)
		if r.met() {
			t.Errorf("%+v met", r)
		}
	}
}

func TestParseOptionsPeerAndThrottled(t *testing.T) {
	o, err := parseOptions([]string{"-terraform", "tf"}, &strings.Builder{})
	if err != nil || !reflect.DeepEqual(o.peerSizes, []int{200, 1000}) || len(o.throttled) != 2 || o.peerDir != "" || o.peerReps != 3 {
		t.Fatalf("defaults: %+v, %v", o, err)
	}
	o, err = parseOptions([]string{"-terraform", "tf", "-peer-dir", "bin", "-peer-sizes", "100", "-throttled", ""}, &strings.Builder{})
	if err != nil || o.peerDir != "bin" || !reflect.DeepEqual(o.peerSizes, []int{100}) || o.throttled != nil {
		t.Fatalf("got %+v, %v", o, err)
	}
	for _, args := range [][]string{{"-terraform", "tf", "-peer-sizes", "x"}, {"-terraform", "tf", "-throttled", "60"}} {
		if _, err := parseOptions(args, &strings.Builder{}); err == nil {
			t.Errorf("parseOptions(%q) should fail", args)
		}
	}
}
