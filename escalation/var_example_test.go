package escalation

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/durandhq/durand"
)

// ExampleFitVAR goes from occurrences to a VAR: three years of made-up
// daily events where Pakistani strikes follow TTP attacks of the day
// before, and TTP attacks follow nothing.
func ExampleFitVAR() {
	rng := rand.New(rand.NewPCG(1, 1))
	from := DayOf(time.Date(2007, 1, 1, 0, 0, 0, 0, time.UTC))
	to := from + 3*365 - 1
	var occ []Occurrence
	attacks := 0
	for day := from; day <= to; day++ {
		strikes := varPoisson(rng, 0.1+0.4*float64(attacks))
		attacks = varPoisson(rng, 0.6)
		for range attacks {
			occ = append(occ, Occurrence{Day: day, Source: []durand.ActorCode{"TTP"}, Target: []durand.ActorCode{"PAK.MIL"}})
		}
		for range strikes {
			occ = append(occ, Occurrence{Day: day, Source: []durand.ActorCode{"PAK.MIL"}, Target: []durand.ActorCode{"TTP"}})
		}
	}
	ttp, _ := ParseFilter("source=TTP,target=PAK")
	pak, _ := ParseFilter("source=PAK,target=TTP")
	d, err := NewVARData([]string{"TTP attacks", "PAK strikes"},
		[]Series{Bin(occ, ttp, from, to, 1), Bin(occ, pak, from, to, 1)}, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := FitVAR(d, VAROptions{Replications: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d lag(s) by %v on %d days from %s\n", res.P, res.Criterion, res.T, DateOf(res.First).Format(time.DateOnly))
	for _, g := range res.Granger {
		fmt.Printf("%s → %s: F(%d, %d) = %.1f, reject at 5%%: %v\n", g.Cause, g.Effect, g.DF1, g.DF2, g.F, g.P < 0.05)
	}
	c := res.IRF.Unit[1] // impulse TTP attacks, response PAK strikes
	fmt.Printf("one more attack, strikes the next day: %+.2f [%+.2f, %+.2f]\n", c.Point[1], c.Low[1], c.High[1])
	// Output:
	// 1 lag(s) by BIC on 1094 days from 2007-01-02
	// TTP attacks → PAK strikes: F(1, 1091) = 320.4, reject at 5%: true
	// PAK strikes → TTP attacks: F(1, 1091) = 0.0, reject at 5%: false
	// one more attack, strikes the next day: +0.39 [+0.35, +0.43]
}
