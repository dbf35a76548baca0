package extract

import (
	"strconv"
	"time"
)

// A gran is the granularity of a calendar point.
type gran uint8

const (
	gDay gran = iota + 1
	gWeek
	gWeekend
	gMonth
	gQuarter
	gSeason
	gYear
	gDecade
	gCentury
)

// A tpoint is a calendar point or period: a day t inside it, and its
// granularity. For seasons, season holds the TIMEX3 code ("SU").
type tpoint struct {
	t      time.Time
	g      gran
	season string
}

func (p tpoint) valid() bool { return p.g != 0 }

func mkday(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// value formats p as a TIMEX3 value.
func (p tpoint) value() string {
	y := p.t.Year()
	switch p.g {
	case gDay:
		return pad(y, 4) + "-" + pad(int(p.t.Month()), 2) + "-" + pad(p.t.Day(), 2)
	case gWeek, gWeekend:
		wy, w := p.t.ISOWeek()
		v := pad(wy, 4) + "-W" + pad(w, 2)
		if p.g == gWeekend {
			v += "-WE"
		}
		return v
	case gMonth:
		return pad(y, 4) + "-" + pad(int(p.t.Month()), 2)
	case gQuarter:
		return pad(y, 4) + "-Q" + strconv.Itoa((int(p.t.Month())-1)/3+1)
	case gSeason:
		return pad(y, 4) + "-" + p.season
	case gYear:
		return pad(y, 4)
	case gDecade:
		return pad(y/10, 3)
	case gCentury:
		return pad(y/100, 2)
	}
	return ""
}

// vague returns the underspecified TIMEX3 value for granularity g, used when
// there is no publication date to resolve a relative expression against.
func vague(g gran) string {
	switch g {
	case gDay:
		return "XXXX-XX-XX"
	case gWeek:
		return "XXXX-WXX"
	case gWeekend:
		return "XXXX-WXX-WE"
	case gMonth:
		return "XXXX-XX"
	case gQuarter:
		return "XXXX-QX"
	case gDecade:
		return "XXX"
	case gCentury:
		return "XX"
	}
	return "XXXX"
}

func pad(n, width int) string {
	if n < 0 {
		n = -n
	}
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// unitGran maps a unit code from time_units.txt to a granularity.
func unitGran(u string) gran {
	switch u {
	case "D":
		return gDay
	case "W", "FN":
		return gWeek
	case "WE":
		return gWeekend
	case "M":
		return gMonth
	case "Q":
		return gQuarter
	case "Y":
		return gYear
	case "DE":
		return gDecade
	case "CE", "ML":
		return gCentury
	}
	return 0
}

// floor moves t to the first day of its period at granularity g.
func floor(t time.Time, g gran) time.Time {
	y, m, _ := t.Date()
	switch g {
	case gWeek:
		return t.AddDate(0, 0, -(isoWeekday(t) - 1))
	case gWeekend:
		return t.AddDate(0, 0, 6-isoWeekday(t)) // the Saturday of t's ISO week
	case gMonth:
		return mkday(y, int(m), 1)
	case gQuarter:
		return mkday(y, (int(m)-1)/3*3+1, 1)
	case gYear, gSeason:
		return mkday(y, int(m), 1)
	case gDecade:
		return mkday(y/10*10, 1, 1)
	case gCentury:
		return mkday(y/100*100, 1, 1)
	}
	return t
}

func isoWeekday(t time.Time) int {
	wd := int(t.Weekday())
	if wd == 0 {
		return 7
	}
	return wd
}

// shift moves t by n periods of granularity g.
func shift(t time.Time, g gran, n int) time.Time {
	switch g {
	case gDay:
		return t.AddDate(0, 0, n)
	case gWeek, gWeekend:
		return t.AddDate(0, 0, 7*n)
	case gMonth:
		return floor(t, gMonth).AddDate(0, n, 0)
	case gQuarter:
		return floor(t, gMonth).AddDate(0, 3*n, 0)
	case gYear, gSeason:
		return floor(t, gMonth).AddDate(n, 0, 0)
	case gDecade:
		return floor(t, gMonth).AddDate(10*n, 0, 0)
	case gCentury:
		return floor(t, gMonth).AddDate(100*n, 0, 0)
	}
	return t
}

// durationValue formats a quantity of a unit as a TIMEX3 duration. A
// negative n means an unknown number ("several years" PXY).
func durationValue(n float64, unit string) string {
	if n < 0 {
		switch unit {
		case "H", "MIN", "S":
			return "PTX" + durUnit(unit)
		case "WE":
			return "PXD"
		case "DE":
			return "PXY" // "decades-long": some number of years
		}
		return "PX" + durUnit(unit)
	}
	switch unit {
	case "DE":
		n, unit = n*10, "Y"
	case "CE":
		n, unit = n*100, "Y"
	case "ML":
		n, unit = n*1000, "Y"
	case "FN":
		n, unit = n*2, "W"
	case "WE":
		n, unit = n*2, "D"
	}
	whole := int(n)
	frac := n - float64(whole)
	t := ""
	switch unit {
	case "H", "MIN", "S":
		t = "T"
	}
	if frac == 0 {
		return "P" + t + strconv.Itoa(whole) + durUnit(unit)
	}
	if frac == 0.5 {
		// "two and a half years" P2Y6M: the half in the next smaller unit
		half := map[string]string{"Y": "6M", "D": "T12H", "H": "30M", "MIN": "30S"}[unit]
		if half != "" {
			v := "P" + t
			if whole > 0 {
				v += strconv.Itoa(whole) + durUnit(unit)
			}
			return v + half
		}
	}
	return "P" + t + strconv.FormatFloat(n, 'f', -1, 64) + durUnit(unit)
}

func durUnit(u string) string {
	switch u {
	case "MIN":
		return "M"
	case "DE":
		return "DE"
	case "CE":
		return "CE"
	}
	return u
}
