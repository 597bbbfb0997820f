package client

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	utc := func(y int, m time.Month, d, hh, mm, ss int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time
		fail bool
	}{
		{in: "Wed, 18 Sept 2024 20:00:00 +0000", want: utc(2024, time.September, 18, 20, 0, 0)},
		{in: "Mon, 2 Jan 2006 15:04:05 GMT", want: utc(2006, time.January, 2, 15, 4, 5)},
		{in: "Mon, 02 Jan 2006 15:04:05 -0700", want: utc(2006, time.January, 2, 22, 4, 5)},
		{in: "02 Jan 2006 15:04:05 +0000", want: utc(2006, time.January, 2, 15, 4, 5)},
		{in: "2 January 2006 15:04 UTC", want: utc(2006, time.January, 2, 15, 4, 0)},
		{in: "Thu, 05 June 2025 08:30:00 +0200", want: utc(2025, time.June, 5, 6, 30, 0)},
		{in: "Tuesday, 25 Sep 2018 20:00:00 +0000", want: utc(2018, time.September, 25, 20, 0, 0)},
		{in: "  Mon,   24  Sept   2018   21:00:00   +0000 ", want: utc(2018, time.September, 24, 21, 0, 0)},
		{in: "Mon,24 Sept 2018 21:00:00 +0000", want: utc(2018, time.September, 24, 21, 0, 0)},
		{in: "Mon, 24 sept 2018 21:00:00 +05:30", want: utc(2018, time.September, 24, 15, 30, 0)},
		{in: "Mon, 24 Sep 2018 21:00:00", want: utc(2018, time.September, 24, 21, 0, 0)},
		{in: "Mon, 24 Sep 2018 21:00:00 EST", want: utc(2018, time.September, 25, 2, 0, 0)},
		{in: "Mon, 24 Sep 2018 21:00:00 +0000 (UTC)", want: utc(2018, time.September, 24, 21, 0, 0)},
		{in: "24 Sep 18 21:00:00 +0000", want: utc(2018, time.September, 24, 21, 0, 0)},
		{in: "Sat, 31 Dec 2016 23:59:60 +0000", want: utc(2017, time.January, 1, 0, 0, 0)},
		{in: "", fail: true},
		{in: "garbage", fail: true},
		{in: "2024-09-18T20:00:00Z", fail: true},
		{in: "Mon, 32 Jan 2006 15:04:05 +0000", fail: true},
		{in: "Mon, 30 Feb 2024 15:04:05 +0000", fail: true},
		{in: "Mon, 2 Jx 2006 15:04:05 +0000", fail: true},
		{in: "Mon, 2 Jan 2006 24:00:00 +0000", fail: true},
		{in: "Mon, 2 Jan 2006 15:60:00 +0000", fail: true},
		{in: "Mon, 2 Jan 2006 15:04:05 +2500", fail: true},
		{in: "Mon, 2 Jan 2006 15:04:05 XYZ", fail: true},
		{in: "Mon, 2 Jan 206 15:04:05 +0000", fail: true},
		{in: "Mon, 2 Jan 2006 15:04:05 +0000 extra", fail: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.fail {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Fatalf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormatDate(t *testing.T) {
	got := FormatDate(time.Date(2024, time.September, 8, 7, 6, 5, 0, time.UTC))
	if want := "Sun, 08 Sep 2024 07:06:05 +0000"; got != want {
		t.Fatalf("FormatDate = %q, want %q", got, want)
	}
	got = FormatDate(time.Date(2024, time.September, 8, 7, 6, 5, 0, time.FixedZone("", -7*3600)))
	if want := "Sun, 08 Sep 2024 07:06:05 -0700"; got != want {
		t.Fatalf("FormatDate = %q, want %q", got, want)
	}
}

func TestTimestampJSON(t *testing.T) {
	tests := []struct {
		in       string
		wantTime time.Time
		wantRaw  string
		wantStr  string
	}{
		{in: `null`},
		{in: `""`},
		{in: `"   "`},
		{in: `"garbage"`, wantRaw: "garbage", wantStr: "garbage"},
		{in: `12345`, wantRaw: "12345", wantStr: "12345"},
		{
			in:       `"Wed, 18 Sept 2024 20:00:00 +0000"`,
			wantTime: time.Date(2024, time.September, 18, 20, 0, 0, 0, time.UTC),
			wantRaw:  "Wed, 18 Sept 2024 20:00:00 +0000",
			wantStr:  "Wed, 18 Sep 2024 20:00:00 +0000",
		},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var v struct {
				D Timestamp `json:"d"`
			}
			if err := json.Unmarshal([]byte(`{"d":`+tt.in+`}`), &v); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if !v.D.Time.Equal(tt.wantTime) || v.D.Raw != tt.wantRaw || v.D.String() != tt.wantStr {
				t.Fatalf("got %+v (String %q), want time %v raw %q string %q", v.D, v.D.String(), tt.wantTime, tt.wantRaw, tt.wantStr)
			}
		})
	}
}

func TestTimestampMarshalJSON(t *testing.T) {
	tests := []struct {
		in   Timestamp
		want string
	}{
		{in: Timestamp{}, want: `null`},
		{in: Timestamp{Raw: "not a date"}, want: `"not a date"`},
		{in: Timestamp{Time: time.Date(2018, time.September, 24, 21, 0, 0, 0, time.UTC), Raw: "Mon, 24 Sept 2018 21:00:00 +0000"},
			want: `"Mon, 24 Sep 2018 21:00:00 +0000"`},
	}
	for _, tt := range tests {
		got, err := json.Marshal(tt.in)
		if err != nil || string(got) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}
