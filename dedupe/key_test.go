package dedupe

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestKeyOf(t *testing.T) {
	for _, c := range []struct {
		name   string
		date   durand.Date
		place  *durand.Place
		want   Key
		wantOK bool
	}{
		{"a day in a district", durand.Date{Start: day("2024-03-18"), End: day("2024-03-18"), Precision: durand.Day}, bannu,
			Key{Region{"PAK", "Khyber Pakhtunkhwa"}, DayOf(day("2024-03-18")), DayOf(day("2024-03-19"))}, true},
		{"a day, no end", durand.Date{Start: day("2024-03-18"), Precision: durand.Day}, pakistan,
			Key{Region{"PAK", ""}, DayOf(day("2024-03-18")), DayOf(day("2024-03-19"))}, true},
		{"a week, no end", durand.Date{Start: day("2024-03-18"), Precision: durand.Week}, nil,
			Key{Region{}, DayOf(day("2024-03-18")), DayOf(day("2024-03-25"))}, true},
		{"a month, no start", durand.Date{End: day("2024-02-29"), Precision: durand.Month}, khost,
			Key{Region{"AFG", "Khost"}, DayOf(day("2024-02-01")), DayOf(day("2024-03-01"))}, true},
		{"a year", durand.Date{Start: day("2024-01-01"), Precision: durand.Year}, bannu, Key{}, false},
		{"two months", durand.Date{Start: day("2024-01-01"), End: day("2024-02-29"), Precision: durand.Month}, bannu, Key{}, false},
		{"no date", durand.Date{Precision: durand.DateUnknown}, bannu, Key{}, false},
		{"an end before the start", durand.Date{Start: day("2024-03-18"), End: day("2024-03-17")}, bannu, Key{}, false},
	} {
		got, ok := KeyOf(durand.Event{Date: c.date, Place: c.place})
		if got != c.want || ok != c.wantOK {
			t.Errorf("%s: KeyOf = %+v, %v; want %+v, %v", c.name, got, ok, c.want, c.wantOK)
		}
	}
}

// TestScope: the stored events a scope holds are exactly those whose keys
// meet the new event's, so a store that fetches its scope misses no
// candidate and fetches no event that could never match.
func TestScope(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	regions := []Region{{}, {"PAK", ""}, {"AFG", ""}, {"PAK", "Khyber Pakhtunkhwa"}, {"PAK", "Balochistan"}, {"AFG", "Khost"}}
	random := func() Key {
		lo := Day(rng.IntN(60))
		return Key{regions[rng.IntN(len(regions))], lo, lo + Slack + Day(rng.IntN(MaxSpan))}
	}
	for range 20000 {
		n, k := random(), random()
		if got, want := ScopeOf(n).Contains(k), k.Meets(n); got != want {
			t.Fatalf("ScopeOf(%+v).Contains(%+v) = %v, Meets %v", n, k, got, want)
		}
		if k.Meets(n) != n.Meets(k) {
			t.Fatalf("Meets is not symmetric for %+v, %+v", n, k)
		}
		// The store's range on the window's first day holds every
		// window that overlaps the scope.
		if s := ScopeOf(n); k.Lo <= s.To && k.Hi >= s.From && k.Lo < s.From-MaxWindow+1 {
			t.Fatalf("window %+v overlaps scope %+v but starts before From-MaxWindow+1", k, s)
		}
	}
}
