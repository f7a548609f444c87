package pipeline

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// TestGeocode checks the place each report's first event gets: the most
// specific place the text supports, its precision, its province by
// containment, and a locality the gazetteer lacks.
func TestGeocode(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text                      string
		name, admin2, admin1, iso string
		prec                      durand.PlacePrecision
		locality                  string
	}{
		// Context words choose the kind of place.
		{"A bomb exploded in Khost city, killing two.", "Khōst", "Khost (Matoon)", "Khost", "AFG", durand.AtPlace, ""},
		{"Militants attacked a checkpost in the North Waziristan district.", "North Waziristan", "North Waziristan", "Khyber Pakhtunkhwa", "PAK", durand.AtAdmin2, ""},
		// An address runs from small to large.
		{"A drone strike hit a house in Dwa Toi, North Waziristan, Khyber Pakhtunkhwa.", "North Waziristan", "North Waziristan", "Khyber Pakhtunkhwa", "PAK", durand.AtAdmin2, "Dwa Toi"},
		{"Assailants attacked a security post in Charkh Ab, Kunduz, Afghanistan.", "Kunduz", "", "Kunduz", "AFG", durand.AtAdmin1, "Charkh Ab"},
		{"Assailants opened fire on personnel in Puli Alam, Logar, Afghanistan.", "Pul-e ‘Alam", "Pul-i-Alam", "Logar", "AFG", durand.AtPlace, ""},
		// A compound name joined by a particle is one unknown name, not
		// the places its parts share names with (Syria's Darʿa, Parwan).
		{"Assailants attacked a police outpost in Dara-e-Kian, Baghlan, Afghanistan.", "Baghlan", "", "Baghlan", "AFG", durand.AtAdmin1, "Dara-e-Kian"},
		{"An explosive device detonated in Kart-e-Parwan, Kabul, Afghanistan, killing two.", "Kabul", "", "Kabul", "AFG", durand.AtAdmin1, "Kart-e-Parwan"},
		// A district's seat is meant by the bare name; "district" says the district.
		{"Assailants opened fire on outposts in Sufiano neighborhood, Tarin Kot, Uruzgan, Afghanistan.", "Tarinkot", "Tarin Kowt", "Uruzgan", "AFG", durand.AtPlace, ""},
		{"A bomb hit police along the Herat-Islam Qala highway in Ghoryan district, Herat, Afghanistan.", "Ghoryan", "Ghoryan", "Herat", "AFG", durand.AtAdmin2, ""},
		// Road ends are not the event's place.
		{"A suicide bomber attacked a convoy along the Kabul-Jalalabad highway in Tangi Abreshum, Kabul, Afghanistan.", "Kabul", "", "Kabul", "AFG", durand.AtAdmin1, "Tangi Abreshum"},
		{"A bomb hit a bus along Kandahar-Herat highway in Mira Khor, Kandahar, Afghanistan.", "Kandahar", "", "Kandahar", "AFG", durand.AtAdmin1, "Mira Khor"},
		// Nor are a journey's ends.
		{"Gunmen hijacked a train traveling from Quetta to Peshawar in Pakistan, taking 400 passengers hostage.", "Pakistan", "", "", "PAK", durand.AtCountry, ""},
		{"Gunmen attacked a bus travelling from Quetta to Karachi in Khuzdar on Monday.", "Khuzdar", "Khuzdar", "Balochistan", "PAK", durand.AtPlace, ""},
		// The district's old name, and the pass it is named after.
		{"Militants attacked a train in Bolan on Monday.", "Bolan Pass", "Kachhi", "Balochistan", "PAK", durand.AtPlace, ""},
		// Spellings no source lists, and "outskirts" as near.
		{"Gunmen killed a journalist on the outskirts of Feroz Koh.", "Fayrōz Kōh", "Chaghcharan", "Ghor", "AFG", durand.NearPlace, ""},
		// Old names resolve to today's units.
		{"Militants stormed a checkpost in North Waziristan Agency.", "North Waziristan", "North Waziristan", "Khyber Pakhtunkhwa", "PAK", durand.AtAdmin2, ""},
		{"A blast in FATA killed four.", "Khyber Pakhtunkhwa", "", "Khyber Pakhtunkhwa", "PAK", durand.AtAdmin1, ""},
		// Borders, and first-level units worldwide.
		{"Pakistani and Afghan forces clashed near the Durand Line.", "Durand Line", "", "", "", durand.AtBorder, ""},
		{"Indian troops shelled villages in Jammu and Kashmir.", "Jammu and Kashmir", "", "Jammu and Kashmir", "IND", durand.AtAdmin1, ""},
		{"Iranian border guards shot two Afghan migrants in Sistan and Baluchestan province.", "Sistan va Baluchestan", "", "Sistan va Baluchestan", "IRN", durand.AtAdmin1, ""},
		{"A bomb exploded in Xinjiang.", "Xinjiang", "", "Xinjiang", "CHN", durand.AtAdmin1, ""},
		// Dari and Pashto names from the district list.
		{"A blast in خوست killed two.", "Khost", "", "Khost", "AFG", durand.AtAdmin1, ""},
		// A place named in a clause without an event of its own.
		{"An explosive device detonated as a passenger bus was passing on Sariab Road, Quetta, Balochistan, Pakistan.", "Quetta", "Quetta", "Balochistan", "PAK", durand.AtPlace, ""},
		// A later sentence saying where refines the event's place.
		{"Bomb kills six in northwest Pakistan.\n\nThe incident took place in Peshawar.", "Peshawar", "Peshawar", "Khyber Pakhtunkhwa", "PAK", durand.AtPlace, ""},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
		if len(evs) == 0 || evs[0].Place == nil {
			t.Errorf("%q: no event or no place", tt.text)
			continue
		}
		p := evs[0].Place
		got := [...]string{p.Name, p.Admin2, p.Admin1, p.Country, string(p.Prec), p.Locality}
		want := [...]string{tt.name, tt.admin2, tt.admin1, tt.iso, string(tt.prec), tt.locality}
		if got != want {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, want)
		}
	}
}

// TestLocate checks the geocoder on its own: a text with no event still
// gets the most specific place it supports.
func TestLocate(t *testing.T) {
	x := newExtractor(t)
	tests := []struct{ text, admin1 string }{
		{"Pakistan: Timeline (Terrorist Activities) -2020\n\nThe incident took place in Hor area of Geshkaur tehsil in Awaran District.", "Balochistan"},
		{"Mass arrests in Pakistan after gunmen shoot at plane\n\nThe incident took place in Tori Khel and Khaisor areas of North Waziristan.", "Khyber Pakhtunkhwa"},
		{"Protest in Karachi over power cuts.", "Sindh"},
	}
	for _, tt := range tests {
		p := x.Locate(durand.Document{ID: "t", Text: tt.text})
		if p == nil || p.Admin1 != tt.admin1 {
			t.Errorf("Locate(%q) = %+v, want admin1 %s", tt.text, p, tt.admin1)
		}
	}
	if p := x.Locate(durand.Document{ID: "t", Text: "Nothing here names a place."}); p != nil {
		t.Errorf("Locate without a place = %+v, want nil", p)
	}
}

// TestSingularPassiveCounts: "X was killed" with no number is one person,
// whoever X is; a count or a plural is read as before.
func TestSingularPassiveCounts(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text            string
		killed, injured int
	}{
		{"A bomb detonated in Qalat, Zabul. The district chief was killed, and one civilian was injured in the blast.", 1, 1},
		{"Gunmen attacked a car in Kandahar. The officer was injured, and his wife was killed in the attack.", 1, 1},
		{"A bomb exploded in Kabul. Two soldiers were killed and three were wounded.", 2, 3},
		{"A bomb exploded in Kabul. Several people were killed.", -1, -1},
		// A later number joins the count only through a list of people.
		{"Mortar shells fired from across the border killed two civilians in Kotli, destroyed 25 shops and wounded four.", 2, 4},
		// A collective noun names no one person; a head noun after a body does.
		{"Two members of a peace committee were killed in a blast in Tirah, Khyber.", 2, -1},
		{"Gunmen shot and killed a militia member in Almar district, Faryab.", 1, -1},
		// An object with no count is one person per noun phrase, whatever
		// the noun; a personal name is a person.
		{"Gunmen shot dead a tribal elder in Chaman, Balochistan.", 1, -1},
		{"Unknown men killed the former district governor in Ghazni city.", 1, -1},
		{"Attackers killed a shopkeeper and a teacher in Quetta.", 2, -1},
		{"Gunmen killed Abdul Wahid Khan, a retired judge, in Peshawar.", 1, -1},
		{"Gunmen killed the labourers in Kech, Balochistan.", -1, -1},
		{"Gunmen attacked a group of pilgrims in Quetta.", -1, -1},
		// An armed body before a rank is one person of that body.
		{"Top militant commander killed in clashes with security forces in Khyber.", 1, -1},
		// A breakdown after "including" is among the count before it.
		{"Gunmen opened fire on a bus in Kohat. Five people, including two children and a driver, were killed in the attack.", 5, -1},
		{"Militants attacked a check post in Zhob. Three soldiers, including the post commander, and six militants were killed in the clash.", 9, -1},
		// "also" adds people to the event the clause refers to.
		{"Gunmen shot and killed a lawyer in Mardan. His son was also killed in the attack.", 2, -1},
		// A name modifying a plural noun is not one person.
		{"Militants raided a post in Kunar. Besides an unknown number of militant casualties, three soldiers were killed in the clash.", 3, -1},
		// A list of noun phrases before a plural verb counts each.
		{"Gunmen opened fire on a car in Jalalabad. A doctor and two security guards were killed in the attack.", 3, -1},
		{"A bomb exploded in Kabul. The police chief and a bodyguard were killed, and one person was injured in the blast.", 2, 1},
		{"Gunmen opened fire on the vehicle of Qamar Zaman in Swabi. Zaman and two other passengers were killed in the attack.", 3, -1},
		{"Militants attacked a post in Yawan. At least four militia members were killed and six members were taken hostage.", 4, -1},
		// In the present, as summaries write, and over a serial list's
		// commas; a phrase that is no person ends the list.
		{"A government administrator, two of his guards and a passerby are killed in an ambush in Bannu.", 4, -1},
		{"Three protestors, a bystander and a policeman are killed during clashes in Muridke.", 5, -1},
		{"In Bannu, two soldiers and a civilian were killed in an ambush.", 3, -1},
		// A list runs on past ten words while its counts keep coming, and
		// "as well as" opens no clause.
		{"Officials confirm the deaths of all 33 BLA militants, as well as 29 passengers, and 8 soldiers in Bolan.", 70, -1},
		// A definite plural refers to the people counted earlier.
		{"Gunmen abducted two police officers in Laman, Badghis. The police officers were shot and killed a short time later.", 2, -1},
		{"Gunmen kidnapped 11 Hazara coal miners in Machh, Balochistan. The coal miners were shot and beheaded shortly after.", 11, -1},
		// A toll across related incidents is shared among them.
		{"Militants attacked a security post in Kunduz. This was one of three related attacks in Kunduz on this date. " +
			"Eight militants and six soldiers were killed while five militants and three soldiers were injured across the ensuing clashes.", 5, 3},
		{"Militants attacked a checkpoint in Kandahar. At least 10 policemen were killed and another 11 were wounded across both attacks.", 5, 6},
		{"Militants attacked checkpoints in Kandahar. Five people were killed across two districts.", 5, -1},
		// A long breakdown or a parenthesis does not hide the count before it.
		{"Militants attacked an outpost near Delaram. At least four security personnel, including one National Directorate of Security (NDS) officer, were killed in the clash.", 4, -1},
		{"Militants attacked a post in Sangin. At least 10 police officers, including the Sangin district police chief, and 15 assailants were killed in the ensuing clash.", 25, -1},
		// A trigger word inside the counted noun phrase is no event.
		{"Gunmen opened fire on a vehicle in Ipi. Four female aid workers were killed in the attack.", 4, -1},
		// A passive after "before being" shares the clause's subject.
		{"Gunmen attacked a factory in Nangarhar. Seven workers were tied up before being shot and killed in the attack.", 7, -1},
		// A hyphenated name and a name with "of" inside are one person each.
		{"Gunmen shot and killed Doctor Khalil-ur-Rahman Narmgo in Baghlan.", 1, -1},
		{"Gunmen shot and killed a National Directorate of Security (NDS) officer and his son in Kabul.", 2, -1},
		// People named after "of", or as already dead, are not the count.
		{"Gunmen attacked a house in Feroz Koh, Ghor. At least three family members of the deceased journalist were killed in the attack.", 3, -1},
		{"Gunmen attacked the home of a recently assassinated journalist in Ghor. Two guards were killed in the attack.", 2, -1},
		{"Militants attacked a post in Kunar. Three of the five soldiers were killed.", 3, -1},
		// A state's or a group's one officer is one person.
		{"Afghanistan declares Taliban leader dead in US drone attack in Kunar.", 1, -1},
		// The object of "killing of"; an object with a modifier and no
		// determiner, as headlines write.
		{"Pakistan police claim killing of two al-Qaeda militants in Karachi on Monday.", 2, -1},
		{"Taliban gunmen kill senior Pakistani counter-terrorism officer in Karachi.", 1, -1},
		// Two casualty words of one clause count each number once.
		{"Pakistan attacks kill 48 militants, six civilians die in bombing in Khyber.", 54, -1},
		// The count after "among" is the total; a label's number counts no one.
		{"Two officers among three killed in Pakistan blast in Kohat.", 3, -1},
		{"Key commander among three militants killed by security forces in Khyber.", 3, -1},
		{"UPDATE 1-Pakistan says four killed in India border fire in Kotli.", 4, -1},
		{"Gunmen killed two people in Police District 9, Kabul.", 2, -1},
		// "In addition" adds people to the incident just reported.
		{"Militants attacked a post in Kunar on Monday. Two soldiers were killed in the attack. In addition, one civilian was killed and four were injured.", 3, 4},
		// A verb in -s does not join a state to the agent after it.
		{"Cross-border firing from India kills woman in Kotli.", 1, -1},
		// A count right before another casualty word is that word's.
		{"Roadside blasts kill one soldier, three injured in Kurram.", 1, 3},
		{"Militants killed seven soldiers and three civilians were wounded in Zhob.", 7, 3},
		{"Indian firing kills one, six wounded in Kotli.", 1, 6},
		// A headline's list joined by commas counts one person per noun;
		// a place or a date before the comma is no one.
		{"Soldier, wife die in border shelling in Kotli.", 2, -1},
		{"Pakistani villager, Indian soldier killed in border firing in Kotli.", 2, -1},
		{"Army officer, eight militants killed in clashes in Khyber.", 9, -1},
		{"In Karachi, policeman killed by gunmen.", 1, -1},
		{"On Monday, soldier killed in Kurram.", 1, -1},
		// A headline's one bare noun before its casualty word is one
		// person; a pronoun, a preposition or a noun event word is not.
		{"Aid worker dies in shelling in Kotli.", 1, -1},
		{"Daughter killed, father injured in artillery fire in Kotli.", 1, 1},
		{"Cop killed, another injured in blasts in Bannu.", 1, 1},
		{"Attack suspects among those killed in airstrikes in Khyber.", -1, -1},
		{"Officials confirm the deaths of militants in Khyber.", -1, -1},
		// A suicide attacker whose fate the text leaves unsaid is among
		// the dead, as UCDP, ACLED and GTD count; one the text counts or
		// tells of is not added again.
		{"Suicide bomber kills eight in Quetta.", 9, -1},
		{"Suicide attack kills four soldiers in Bannu.", 5, -1},
		{"A suicide bomber detonated a vest in Quetta. In addition to the assailant, two soldiers were killed.", 3, -1},
		{"A suicide bomber attacked a post in Quetta. The bomber was killed and two soldiers were wounded.", 1, 2},
		{"Six soldiers and six militants were killed in a suicide attack in Bannu.", 12, -1},
		{"Two suicide bombers killed five people in Bannu.", 5, -1},
		// A toll's new total replaces the count it updates; a toll with no
		// earlier event is that event's; who tells the toll did not kill.
		{"Gunmen attacked a checkpoint in Bannu on Monday, killing four soldiers. The death toll rose to seven on Tuesday.", 7, -1},
		{"Gunmen attacked a checkpoint in Bannu on Monday, killing four soldiers. The death toll has since climbed to seven, officials said.", 7, -1},
		{"Death toll in Quetta blast rises to 122.", 122, -1},
		{"The death toll from Friday's mosque bombing in Peshawar has risen to 45.", 45, -1},
		// In one clause with the event's own count, a toll is a wider total.
		{"A bomb killed 20 people in Quetta on Monday, raising the death toll to 50.", 20, -1},
		// One person named before "others" is one more.
		{"Blast kills Pakistan official, two others in South Waziristan.", 3, -1},
		{"Gunmen killed Hafizullah, a judge, and two others in Quetta on Monday.", 3, -1},
		{"A bomb killed the district governor and three of his guards in Kunar.", 4, -1},
		// The dead follow "of" after a body or death; a body found is one
		// dead.
		{"Police found the bodies of three men in Karachi.", 3, -1},
		{"Officials confirm the deaths of two soldiers in Kurram.", 2, -1},
		{"Bullet-riddled body found in Turbat, Balochistan.", 1, -1},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		k, i := evs[0].Fatalities.Best, evs[0].Injured.Best
		if k != tt.killed || i != tt.injured {
			t.Errorf("%q: killed %d injured %d, want %d and %d", tt.text, k, i, tt.killed, tt.injured)
		}
	}
}

// TestRunningTolls: reports of one incident's running total are one
// event with the highest total, since a toll only rises; a total over
// several incidents neither replaces nor raises one incident's count.
func TestRunningTolls(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text   string
		events int
		killed int
	}{
		{"A bomb killed 64 people in Quetta on Saturday. The death toll rose to 84 on Sunday. The death toll has since risen to 91, officials said.", 1, 91},
		{"Quetta blast toll rises to 84\n\nBomb kills 64 in Pakistan's Quetta\n\nDeath toll in Quetta attack rises to 91", 1, 91},
		{"Death toll in Peshawar church bomb rises to 25\n\nChurch attack death toll climbs to 43\n\nSuicide bombers kill 78 at Peshawar church", 1, 78},
		{"Suicide bombers kill 78 at Peshawar church\n\nDeath toll in Peshawar church bomb rises to 25\n\nChurch attack death toll climbs to 81", 1, 81},
		{"A bomb killed 15 people in Peshawar on Saturday. The death toll in the weekend's bomb attacks climbed to 52.", 1, 15},
		// One shot dead is not among an air strike's dead.
		{"Pakistani airstrikes hit Kabul on Wednesday. A journalist was also shot dead.", 2, -1},
		// A headline may give the toll without "to", or with no verb.
		{"Death toll from Peshawar blast at 25", 1, 25},
		{"Bomb kills 20 in Peshawar market\n\nPeshawar blast toll hits 31", 1, 31},
		{"Death toll in Quetta blast reaches 40", 1, 40},
		{"A bomb went off at the toll plaza in Quetta, killing two. The toll at the plaza was raised to 50 rupees.", 1, 2},
		// The attackers a report goes on to count are the attack's dead
		// too, beside its victims; more militants killed by soldiers are
		// not the soldiers'.
		{"Gunmen attacked a police post in Quetta on Monday, killing two policemen. Four attackers were killed.", 1, 6},
		{"Soldiers raided a hideout in Khyber on Monday, killing two militants. Four militants were killed.", 2, 2},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
		if len(evs) != tt.events {
			t.Errorf("%q: %d events, want %d", tt.text, len(evs), tt.events)
		}
		if len(evs) > 0 && evs[0].Fatalities.Best != tt.killed {
			t.Errorf("%q: killed %d, want %d", tt.text, evs[0].Fatalities.Best, tt.killed)
		}
	}
}

// TestCombinedCasualties: one count for "killed or wounded" is the
// casualties together; neither the dead nor the wounded are known, each
// runs from none to all. A count for each word stays exact.
func TestCombinedCasualties(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text            string
		killed, injured durand.Count
	}{
		{"Pakistan says 35 Indian troops killed, wounded in Kashmir.", durand.Count{Best: durand.Unknown, Low: 0, High: 35}, durand.Count{Best: durand.Unknown, Low: 0, High: 35}},
		{"Militants attacked a post in Bannu, leaving 12 soldiers killed or wounded.", durand.Count{Best: durand.Unknown, Low: 0, High: 12}, durand.Count{Best: durand.Unknown, Low: 0, High: 12}},
		{"At least 20 people were wounded or killed in the blast in Quetta.", durand.Count{Best: durand.Unknown, Low: 0, High: durand.Unknown}, durand.Count{Best: durand.Unknown, Low: 0, High: durand.Unknown}},
		{"Five people were killed and 12 wounded in the blast in Quetta.", durand.Exact(5), durand.Exact(12)},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
		if len(evs) != 1 {
			t.Errorf("%q: %d events, want 1", tt.text, len(evs))
			continue
		}
		if k, i := evs[0].Fatalities, evs[0].Injured; k != tt.killed || i != tt.injured {
			t.Errorf("%q: killed %+v injured %+v, want %+v and %+v", tt.text, k, i, tt.killed, tt.injured)
		}
	}
}

// TestNoGuessedPlace: a name that only the world layer of subdivisions
// holds, in countries the report never names, pins nothing ("the war in
// Gaza" is neither Bhutan's Gasa nor Mozambique's Gaza province); with its
// country named it does.
func TestNoGuessedPlace(t *testing.T) {
	x := newExtractor(t)
	pub := time.Date(2025, 4, 26, 0, 0, 0, 0, time.UTC)
	evs := x.Extract(durand.Document{ID: "t", Published: pub, Text: "Gunmen shot dead a shopkeeper during protests against the war in Gaza on Saturday."})
	if len(evs) != 1 || evs[0].Place != nil {
		t.Errorf("war in Gaza: %d events, place %+v; want one event and no place", len(evs), evs)
	}
	evs = x.Extract(durand.Document{ID: "t", Published: pub, Text: "Insurgents attacked a police post in Gaza province, Mozambique, on Saturday."})
	if len(evs) != 1 || evs[0].Place == nil || evs[0].Place.Country != "MOZ" {
		t.Errorf("Gaza province, Mozambique: %+v; want one event in MOZ", evs)
	}
}

// TestPlaceLists: an event listed at several places is one event per
// place, of whatever rank ("in Nushki and Kalat District"), and a list is
// no address ("Dera Ismail Khan, North Waziristan, Bannu and Bajaur" does
// not put Dera Ismail Khan in North Waziristan); commas alone may be one
// ("Shindand district, Herat").
func TestPlaceLists(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text string
		want []string // each event's place and locality
	}{
		{"Eight people are killed in two separate shootings in Nushki and Kalat District, Balochistan, on Monday.", []string{"Nushki", "Kalat"}},
		{"Thirty-eight militants are killed by the army in raids in Dera Ismail Khan, North Waziristan, Bannu and Bajaur on Monday.", []string{"Dera Ismail Khan", "North Waziristan", "Bannu", "Bajaur"}},
		{"Assailants fired a mortar that struck a house in Shindand district, Herat, Afghanistan, killing one civilian.", []string{"Shindand"}},
		{"Pakistani troops kill 12 militants in Orakzai, Kurram.", []string{"Orakzai", "Kurram"}},
		{"Five soldiers and 25 gunmen are killed in a shootout between Kurram and North Waziristan on Monday.", []string{"Kurram"}},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)}) {
			if e.Place == nil {
				got = append(got, "none")
				continue
			}
			got = append(got, strings.TrimSpace(e.Place.Name+" "+e.Place.Locality))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
