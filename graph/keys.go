package graph

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Key layout. Every key starts with a one-byte record kind and a slash; the
// parts after it are separated by sep (0x00), which no id contains.
//
//	m/                          store format version (1 byte)
//	d/<doc>                     docRecord
//	a/<actor>                   actorRecord
//	e/<event>                   eventRecord
//	t/<date:16><event>          date index, empty value
//	x/<actor> 0 <event>         actor index (source or target), empty value
//	y/<doc> 0 <event>           document index, empty value
//	z/<actor> 0 <doc>           actor seen in document, empty value
const sep = 0x00

var (
	keyMeta        = []byte("m/")
	prefixDoc      = []byte("d/")
	prefixActor    = []byte("a/")
	prefixEvent    = []byte("e/")
	prefixDate     = []byte("t/")
	prefixActorIdx = []byte("x/")
	prefixDocIdx   = []byte("y/")
	prefixSeen     = []byte("z/")
)

func key(prefix []byte, parts ...string) []byte {
	n := len(prefix)
	for _, p := range parts {
		n += len(p) + 1
	}
	k := make([]byte, 0, n)
	k = append(k, prefix...)
	for i, p := range parts {
		if i > 0 {
			k = append(k, sep)
		}
		k = append(k, p...)
	}
	return k
}

// pairPrefix is the scan prefix of all keys prefix/<a> 0 ….
func pairPrefix(prefix []byte, a string) []byte {
	return append(key(prefix, a), sep)
}

// lastPart returns what follows the last separator of k.
func lastPart(k []byte) string {
	i := bytes.LastIndexByte(k, sep)
	return string(k[i+1:])
}

// dateWidth is the width of the date part of a date index key.
const dateWidth = 16

// dateKey returns the fixed-width sort key of a TIMEX3 value: calendar
// values ("2016", "2016-09", "2016-09-05", "2016-09-05T14:00") padded with
// 0x00 so coarser dates sort before finer ones within them; weeks, quarters
// and seasons mapped to their first month or day; anything else (no date,
// PAST_REF, durations) is all 0xFF so it sorts last.
func dateKey(v string) []byte {
	k := make([]byte, dateWidth)
	c := calendarDate(v)
	if c == "" {
		for i := range k {
			k[i] = 0xFF
		}
		return k
	}
	copy(k, c)
	return k
}

func dateIndexKey(date, event string) []byte {
	k := make([]byte, 0, len(prefixDate)+dateWidth+len(event))
	k = append(k, prefixDate...)
	k = append(k, dateKey(date)...)
	return append(k, event...)
}

// calendarDate returns v as a calendar prefix (YYYY[-MM[-DD[Thh:mm]]]) or ""
// when v is not anchored in the calendar.
func calendarDate(v string) string {
	if len(v) < 4 || !digits(v[:4]) {
		return ""
	}
	if len(v) == 4 {
		return v
	}
	if v[4] != '-' || len(v) < 7 {
		return v[:4]
	}
	rest := v[5:]
	switch {
	case digits(rest[:2]):
		if len(v) > dateWidth {
			return v[:dateWidth]
		}
		return v
	case rest[0] == 'Q' && len(rest) == 2 && rest[1] >= '1' && rest[1] <= '4':
		return fmt.Sprintf("%s-%02d", v[:4], (int(rest[1]-'1'))*3+1)
	case rest[0] == 'W' && len(rest) >= 3 && digits(rest[1:3]):
		y, _ := strconv.Atoi(v[:4])
		w, _ := strconv.Atoi(rest[1:3])
		return isoWeekMonday(y, w).Format("2006-01-02")
	}
	switch rest {
	case "SP":
		return v[:4] + "-03"
	case "SU":
		return v[:4] + "-06"
	case "FA", "AU":
		return v[:4] + "-09"
	case "WI":
		return v[:4] + "-12"
	}
	return v[:4]
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isoWeekMonday returns the Monday of ISO week w of year y.
func isoWeekMonday(y, w int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	wd := int(jan4.Weekday()+6) % 7 // Monday = 0
	return jan4.AddDate(0, 0, -wd+(w-1)*7)
}

// cmpPrefix compares a calendar date with a filter bound on their common
// prefix, so "2016" is within From "2016-09" and To "2016-08".
func cmpPrefix(date, bound string) int {
	n := min(len(date), len(bound))
	return strings.Compare(date[:n], bound[:n])
}

// inWindow reports whether an event date lies in [from, to] (either may be
// empty). Undated events are outside any window that is set.
func inWindow(date, from, to string) bool {
	if from == "" && to == "" {
		return true
	}
	c := calendarDate(date)
	if c == "" {
		return false
	}
	if from != "" && cmpPrefix(c, from) < 0 {
		return false
	}
	if to != "" && cmpPrefix(c, to) > 0 {
		return false
	}
	return true
}

// CompareDates orders two TIMEX3 values the way the store sorts events:
// calendar dates in time order, a coarser date before the finer dates within
// it ("2016" < "2016-09" < "2016-09-05"), and undated or non-calendar values
// ("", PAST_REF) last. It returns -1, 0 or +1.
func CompareDates(a, b string) int {
	return bytes.Compare(dateKey(a), dateKey(b))
}

// Dated reports whether v is anchored in the calendar (a year, month, day,
// week, quarter or season), as opposed to "" or PAST_REF.
func Dated(v string) bool { return calendarDate(v) != "" }
