package pipeline

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/durandhq/durand"
)

// TestRoles: who is source and who target, by the general rules of
// arguments: coordination, event nouns and their "by" agents, criticism
// of an attack, "to" and "with" recipients, agents of a state, and lists
// of states that are not addresses.
func TestRoles(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text string
		want string // one event, "TYPE src,src>tgt,tgt"
	}{
		{"Pakistan, China and Afghanistan held talks with Iran in Islamabad on Monday.", "CONSULT AFG.GOV,CHN.GOV,PAK.GOV>IRN.GOV"},
		{"Pakistan condemned an attack by the TTP in Bannu on Monday.", "ACCUSE PAK.GOV>TTP"},
		{"Pakistan condemned an attack by the TTP in Bannu on Monday.", "ASSAULT TTP>"},
		// Coordinated subjects of a reciprocal event with no one else
		// named are its two sides, the first named the source.
		{"Soldiers from Pakistan and the Afghan Taliban clashed in Kurram on Monday.", "FIGHT PAK.MIL>TAL"},
		{"Pakistan and Afghanistan agreed on Monday to reopen the Torkham crossing.", "AGREE PAK.GOV>AFG.GOV"},
		// The object of a violent verb is no agent of the participle
		// after it.
		{"A roadside bomb hit a military convoy in Kunar on Monday, killing three soldiers.", "ASSAULT >AFG.MIL"},
		{"A bomb killed two soldiers and wounded three in Quetta on Monday.", "ASSAULT >PAK.MIL"}, // and the verb after "and"
		// People after "of" a count or a collective noun are the subject.
		{"Dozens of militants armed with guns stormed a police station in Mastung on Monday.", "ASSAULT REB>PAK.POL"},
		// A country or a capital right before a bombing locates it; a
		// state's forces, an air strike or shelling keep their agent.
		{"Pakistan blast kills 20 on Monday.", "ASSAULT >"},
		{"Last week a Kabul car bombing killed five and wounded 110.", "ASSAULT >"},
		{"Pakistan suicide attack kills 38 on Monday: police", "ASSAULT >"},
		{"Pakistan army airstrike kills 20 militants on Monday.", "ASSAULT PAK.MIL>REB"},
		{"Indian shelling kills 3 in Kashmir on Monday.", "ASSAULT IND.MIL>"},
		{"Pakistan bombs militant hideouts in North Waziristan on Monday, killing 12.", "ASSAULT PAK.MIL>REB"},
		// Breaking relations "with" a state targets it.
		{"Pakistan cut ties with Afghanistan on Monday.", "SANCTION PAK.GOV>AFG.GOV"},
		{"Police said 243 prisoners escaped in a prison attack by the TTP in Dera Ismail Khan on Monday.", "ASSAULT TTP>"},
		{"Eight militants killed in a raid in Khyber on Monday.", "ASSAULT >REB"}, // a reduced passive: the dead are no source
		// The word that opens a clause is no preposition before its subject.
		{"Eight militants were killed as the Pakistan Taleban clashed with a rival group in Khyber on Monday.", "FIGHT TTP>"},
		// An object may open with a modifier; a group's agent may follow
		// one modifier; "anti-" and "pro-" name no group.
		{"Security forces kill local TTP commander in Khyber on Monday.", "ASSAULT PAK.MIL>TTP"},
		{"Gunmen kill anti-Taliban Sikh activist in Peshawar on Monday.", "ASSAULT UNK>CIV"},
		{"A bomb exploded outside an anti-Pakistani Taliban peace committee office in Wana on Monday, killing seven people.", "ASSAULT >CIV"},
		// What people are concerned over happened.
		{"Afghan pundits concerned over Taliban attacks on security forces.", "ASSAULT TAL>MIL"},
		{"Pakistan Taliban suspect militant killed in Karachi on Monday.", "ASSAULT >TTP"},
		// A verb between a state and an agent keeps them apart.
		{"Pakistan attacked militants in Khyber on Monday.", "ASSAULT PAK.MIL>REB"},
		// The dead are no source of an intransitive casualty word.
		{"Top al-Qa'idah commander dead in South Waziristan on Monday.", "ASSAULT >AQ"},
		// A claimed attack happened, by the claimant; the object of an
		// event noun follows "of".
		{"Pakistan Taliban claims deadly suicide attack on army cantonment.", "ASSAULT TTP>MIL"},
		{"Pakistani Taliban claim responsibility for Karachi military killings.", "ASSAULT TTP>PAK.MIL"},
		{"Pakistan police claim killing of two al-Qaeda militants in Karachi on Monday.", "ASSAULT PAK.POL>AQ"},
		// Armed people of or linked to a group are the group's; a group
		// linked to another is not the other.
		{"Security forces killed five militants linked to al-Qaeda in North Waziristan on Monday.", "ASSAULT PAK.MIL>AQ"},
		{"Police arrested three militants belonging to the Tehreek-e-Taliban Pakistan in Karachi on Monday.", "COERCE PAK.POL>TTP"},
		{"Lashkar-e-Jhangvi, a militant group linked to al-Qaeda, attacked a bus in Quetta on Monday.", "ASSAULT LEJ,REB>"},
		{"Police arrested Mahrang Baloch and other leaders of the Baloch Yakjehti Committee in Quetta on Saturday.", "COERCE PAK.POL>BYC"},
		{"Tehreek-e-Labbaik Pakistan supporters held a protest in Lahore on Friday.", "PROTEST TLP>"},
		// Named groups listed as the dead are all targets.
		{"Pakistan Taliban, al-Qaeda militants killed in Punjab operation on Monday.", "ASSAULT >AQ,TTP"},
		// "Eliminated" and "neutralised" kill people, in either voice.
		{"Security forces eliminated four terrorists in Bannu on Monday.", "ASSAULT PAK.MIL>REB"},
		{"Two TTP militants eliminated in North Waziristan on Monday.", "ASSAULT >TTP"},
		// An armed group right before an event noun in a phrase is its
		// agent; a state's forces only before a weapon only states use;
		// police before "attack" may be its target.
		{"Nineteen Afghan police killed in Taliban attack on base in Kunduz on Monday.", "ASSAULT TAL>AFG.POL"},
		{"Scores injured in militant raid on Pakistani police academy in Quetta on Monday.", "ASSAULT REB>PAK.POL"},
		{"Thirteen fighters killed in Pakistan army air strikes in Khyber on Monday.", "ASSAULT PAK.MIL>REB"},
		{"Militants kill 61 in Pakistan police attack in Quetta on Monday.", "ASSAULT REB>PAK.POL"},
		{"Three soldiers were killed in a militant attack on a checkpoint in Bannu on Monday.", "ASSAULT REB>PAK.MIL"},
		// The group an attack is attributed to is its perpetrator, not
		// its target.
		{"Assailants shot and killed a school principal in Jalalabad on Monday. No group claimed responsibility for the incident; however, sources attributed the attack to the Taliban.", "ASSAULT TAL>"},
		// A gloss in brackets stands where the name it glosses does.
		{"An explosive device attached to an Afghan National Army (ANA) vehicle detonated in Kabul on Monday.", "ASSAULT >AFG.MIL"},
		// An armed body before a rank or role makes it that body's.
		{"Police commander killed in Taliban attack in Kunduz on Monday.", "ASSAULT TAL>AFG.POL"},
		// The dead are not their own attackers; in a fight the other
		// party is.
		{"Twelve police killed in fight with Taliban in Kunar on Monday.", "FIGHT TAL>AFG.POL"},
		{"Four policemen shot dead in Karachi on Monday.", "ASSAULT >PAK.POL"},
		// A claim of the toll one inflicted names the claimant as the
		// source, when it is the claim's subject.
		{"Indian troops claim 16 Pakistani soldiers killed in Kashmir on Monday.", "ASSAULT IND.MIL>PAK.MIL"},
		{"Taleban claim 15 government militiamen killed in clash in Kunar on Monday.", "FIGHT TAL>AFG.PAR"},
		{"Pakistan investigates IS claim two Chinese teachers were killed in Quetta on Monday.", "ASSAULT >CIV"},
		// Trading or exchanging fire is a fight, a word or two between.
		{"Pakistan troops trade fire with India in Kashmir on Monday.", "FIGHT PAK.MIL>IND.MIL"},
		{"India and Pakistan exchange heavy fire in Kashmir on Monday.", "FIGHT IND.MIL>PAK.MIL"}, // both states' forces fought
		{"India and Pakistan clashed in Kashmir on Monday.", "FIGHT IND.MIL>PAK.MIL"},
		// Whoever escapes, survives or repulses an attack was its target.
		{"Former minister escapes suicide attack in Quetta on Monday.", "ASSAULT >GOV"},
		{"Police repulse Taliban attack on checkpoint in Kunduz on Monday.", "ASSAULT TAL>AFG.POL"},
		{"Army convoy came under attack in North Waziristan on Monday.", "ASSAULT >PAK.MIL"},
		{"Militants gun down two policemen in Peshawar on Monday.", "ASSAULT REB>PAK.POL"},
		// A country right before a place or venue it holds locates; an
		// event noun before an -s form makes it a verb.
		{"Blast hits Pakistan mosque on Monday, killing three.", "ASSAULT >"},
		{"Blast hits Pakistan political rally on Monday, killing 20.", "ASSAULT >"},
		// Bare forces are those of the state where the event took place
		// (ACLED's "Police Forces of Pakistan"); a bare government is not.
		{"Gunmen killed two policemen in Kandahar on Monday.", "ASSAULT UNK>AFG.POL"},
		// An agent that closes a proper name the dictionaries lack names
		// that body; titles and addresses do not.
		{"Assailants threw a grenade at a Rangers vehicle in Khairpur on Monday. The Sindhudesh Revolutionary Army claimed responsibility.", "ASSAULT UNK>PAK.PAR"},
		{"Assailants attacked Popular Uprising Forces in Sholgara on Monday.", "ASSAULT UNK>UNK"},
		{"Pak Army troops killed six militants in Khyber on Monday.", "ASSAULT PAK.MIL>REB"},
		// One mention is not both sides: the police chief's vehicle was
		// the bomb's target.
		{"An explosive device attached to the vehicle of the Nad Ali district police chief detonated in Helmand on Monday.", "ASSAULT >AFG.POL"},
		{"Gunmen storm Pakistan crowded vegetable market on Monday.", "ASSAULT UNK>"},
		// What falls is taken by whom it falls to; what is taken "from" a
		// party is taken from them.
		{"Kunduz fell to the Taliban on Monday.", "SEIZE TAL>"},
		{"Pakistan retakes Swat from the Taliban on Monday.", "SEIZE PAK.MIL>TTP"}, // Taliban fighting in Pakistan: TestActorsByPlace
		// A headline's closing attribution is no argument of its event.
		{"Gunmen kill polio worker in Peshawar on Monday: officials", "ASSAULT UNK>"},
		{"Bomb kills at least two in Quetta on Monday - police", "ASSAULT >"},
		{"Bomb kills at least two in Quetta on Monday—police", "ASSAULT >"},
		{"Gunmen kill 3 policemen in Quetta on Monday: police", "ASSAULT UNK>PAK.POL"},
		// A government before armed people says whose they are; against
		// it, they are rebels.
		{"Taliban fighters attacked government forces in Kunduz on Monday.", "ASSAULT TAL>AFG.MIL"},
		{"Taliban fighters attacked Afghan government forces in Kunduz on Monday.", "ASSAULT TAL>AFG.MIL"},
		{"Anti-government forces attacked a police post in Kunduz on Monday.", "ASSAULT REB>AFG.POL"},
		{"Attack on pro-government fighters kills two in Kunduz on Monday.", "ASSAULT >AFG.PAR"},
		// A region's name opens an insurgent army's; a coordination
		// after "between" is the dyad, and so are a fight's dead by side.
		{"Clashes between the Arakan Army and government troops killed 12 people in Rakhine on Monday.", "FIGHT UNK>MMR.MIL"},
		{"Clashes between the TTP and Pakistani troops killed 12 people in Bannu on Monday.", "FIGHT TTP>PAK.MIL"},
		{"Fighting between Pakistani and Afghan forces erupted at Torkham on Monday.", "FIGHT PAK.MIL>AFG.MIL"},
		{"Three soldiers and 19 Taliban insurgents were killed in clashes in Kunduz on Monday.", "FIGHT AFG.MIL>TAL"},
		// A post or a base is attacked; it attacks no one.
		{"Police station attack kills five in Peshawar on Monday.", "ASSAULT >PAK.POL"},
		{"Militants attack Pakistan air base in Mianwali on Monday.", "ASSAULT REB>PAK.MIL"},
		// An event word before a person tied to it makes no event: the
		// mastermind was killed, in no attack of that day.
		{"Pakistan air base attack mastermind reportedly killed in Karachi on Monday.", "ASSAULT >"},
		{"Police arrested the Peshawar school attack mastermind in Karachi on Monday.", "COERCE PAK.POL>"},
		// A country's name opening a longer proper name names an
		// organisation, not the state.
		{"Gunmen attacked the Pakistan Stock Exchange in Karachi on Monday.", "ASSAULT UNK>UNK"},
		// A preposition joins no state to an actor; "after" an attack
		// that killed is its cause, after another event a new clause.
		{"Pakistan strikes Afghanistan after Taliban attack in Kurram on Monday.", "ASSAULT TTP>"},
		{"Pakistan strikes Afghanistan after Taliban attack in Kurram on Monday.", "ASSAULT PAK.MIL>AFG.GOV"},
		{"Four Pakistani soldiers dead after militant attack in Bannu on Monday.", "ASSAULT REB>PAK.MIL"},
		// Hideouts stand for the group that holds them; destroying them
		// is an attack, destroying houses in a flood is none.
		{"Security forces destroyed three TTP hideouts in Bajaur on Monday.", "ASSAULT PAK.MIL>TTP"},
		{"Pakistani jets pound militant hideouts in North Waziristan on Monday.", "ASSAULT PAK.MIL>REB"},
		// A verb of saying joins no group to the agent after it.
		{"Pakistani Taleban confirm security forces destroyed hideouts in Orakzai on Monday.", "ASSAULT PAK.MIL>REB"},
		// A claim coordinated with an earlier verb is its subject's.
		{"Pakistan launches strikes into India and Indian-administered Kashmir on Monday, and claims to have destroyed five Indian fighter jets.", "ASSAULT PAK.MIL>IND.GOV"},
		// A "by" inside a subordinate passive is that clause's agent.
		{"A suicide bomber detonated an explosives-laden vehicle after being identified and shot at by police officers at a checkpoint in Helmand on Monday.", "ASSAULT UNK>AFG.POL"},
		// A claimant stands for the attackers, not for the dead listed
		// with them.
		{"Assailants attacked security outposts in Shirin Tagab on Monday. At least one assailant and one civilian were killed in the blast and ensuing clash. Sources attributed the attack to the Taliban.", "ASSAULT TAL>CIV"},
		// A bomber who blows himself up is the attacker, not the
		// forces whose headquarters he struck.
		{"A Jamaat-ul-Ahrar suicide bomber blows himself up outside the Federal Constabulary headquarters in Peshawar on Monday, killing three people.", "ASSAULT JUA>PAK.PAR"},
		// A state's citizens are civilians, its border posts military,
		// and "the governments of" two states both of them.
		{"Eight Pakistani citizens were killed by gunmen in Sistan and Baluchestan province, Iran, on Monday.", "ASSAULT UNK>CIV"},
		{"Afghan forces attacked several Pakistani border posts in Kurram on Monday.", "ASSAULT AFG.MIL>PAK.MIL"},
		{"The governments of Afghanistan and Pakistan agreed to an extended ceasefire on Monday.", "AGREE AFG.GOV>PAK.GOV"},
		// The dead by side: a fight's sides (a capitalised word between
		// a count and its people is theirs); in an attack on a state's
		// forces, the armed non-state dead were the attackers.
		{"Eighteen Pakistani paramilitary troops and 24 Baloch separatists were killed in clashes in Balochistan on Monday.", "FIGHT PAK.PAR>REB"},
		{"At least seven police officers and six militants were killed in an attack on a police training centre in Dera Ismail Khan on Monday.", "ASSAULT REB>PAK.POL"},
		{"Three soldiers and 15 militants were killed in North Waziristan on Monday.", "ASSAULT >REB"}, // no attack named: no attacker presumed
		// A state before an air strike is its attacker, also past a
		// possessive day; a verb after "and" shares the clause's
		// subject; no one attacks themselves.
		{"Two TTP leaders were killed in yesterday's Pakistani airstrikes in Kabul.", "ASSAULT PAK.MIL>TTP"},
		{"The Afghan forces attacked border posts of Pakistan in Kurram on Monday and seized several posts.", "SEIZE AFG.MIL>"},
		{"The Pakistani government said an attack killed two Pakistani officials in Quetta on Monday.", "ASSAULT >PAK.GOV"},
		// "Killed after X shoots him" is one event, X's.
		{"A doctor in Sargodha is killed after an unknown assailant shoots him twice in the back.", "ASSAULT UNK>CIV"},
		// What an attack was "on" is its target, not the people its dead
		// are counted as, nor those among them; an unidentified agent is
		// still the agent.
		{"Eight people are killed, including four attackers, and 15 others are injured in a suicide attack by unidentified militants on a military post in North Waziristan on Monday.", "ASSAULT REB>PAK.MIL"},
		{"Three people were killed in a roadside bombing on a police vehicle in Hangu on Monday.", "ASSAULT >PAK.POL"},
		// States named "between" are the parties, not places, and two
		// sides firing between them fight.
		{"The United States announced a ceasefire between India and Pakistan on Saturday.", "AGREE USA.GOV>IND.GOV,PAK.GOV"},
		{"A villager was killed in artillery firing between Pakistan and India in Kashmir on Monday.", "FIGHT PAK.MIL>IND.MIL"},
		{"Two die in crossfire between militants, troops in North Waziristan on Monday.", "FIGHT REB>PAK.MIL"},
		// Who hijacks a vehicle is no victim; the agent of an event noun
		// follows its "of" object.
		{"Militants hijacked a bus in Kohat on Monday.", "ASSAULT REB>"},
		{"The killing of two engineers in Kohat by the TTP on Monday shocked the country.", "ASSAULT TTP>CIV"},
		{"Police rescued the engineers from Monday's kidnapping of two engineers in Kohat by the TTP.", "ASSAULT TTP>CIV"},
		// The attackers among the dead a report goes on to count are not
		// their own target.
		{"Security forces rescued all passengers from Monday's hijacking of a train in Bolan by the BLA. Officials confirmed the deaths of 33 BLA militants and 29 passengers.", "ASSAULT BLA>"},
		// The objects of the verb before a participle after a comma are
		// not its subject.
		{"The International Criminal Court prosecutor requested arrest warrants against Taliban leaders on Monday, accusing them of crimes against humanity.", "ACCUSE ICC>"},
		// An -s form after "and" taking a counted object is a verb that
		// shares the subject of the verb before it.
		{"The Afghan army launches attacks on Pakistani border posts in Kurram on Monday and seizes several posts.", "SEIZE AFG.MIL>"},
		// What a bombing targets is its target when the dead are only
		// people, if that is whom it names.
		{"Eleven people were killed in a suicide bombing targeting a Frontier Corps convoy in Nushki on Monday.", "ASSAULT >PAK.PAR"},
		{"Six people were killed in a bombing targeting an army-operated school bus in Khuzdar on Monday.", "ASSAULT >CIV"},
		// An opposition stands where it opposes; supporters of a leader
		// are the leader's side.
		{"Police arrested 20 opposition leaders in Lahore on Monday.", "COERCE PAK.POL>PAK.OPP"},
		{"A court in Faisalabad sentenced 200 supporters of Imran Khan to ten years in prison on Monday.", "SANCTION >PAK.GOV"}, // in 2021, when he governed
		{"Eight Pakistani citizens were killed in a mass shooting by Baloch Nationalist Army gunmen in Sistan and Baluchestan on Monday.", "ASSAULT BNA>CIV"},
		// NATO's forces and Iran's Revolutionary Guards.
		{"Three NATO soldiers were killed in a blast in Helmand on Monday.", "ASSAULT >NATO"},
		{"A NATO airstrike killed five civilians in Kunar on Monday.", "ASSAULT NATO>CIV"},
		{"Gunmen killed three members of the Islamic Revolutionary Guard Corps in Sistan and Baluchestan on Monday.", "ASSAULT UNK>IRN.MIL"},
		// A group's faction of another group is the faction.
		{"A suicide bomber struck a military convoy in North Waziristan on Monday. The Hafiz Gul Bahadur faction of the Pakistani Taliban claimed responsibility.", "ASSAULT HGB>PAK.MIL"},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)})
		var got []string
		found := false
		for _, e := range evs {
			g := string(e.Type) + " " + sideCodes(e.Source) + ">" + sideCodes(e.Target)
			got = append(got, g)
			found = found || g == tt.want
		}
		if !found {
			t.Errorf("%q:\n got %q\nwant %q among them", tt.text, got, tt.want)
		}
	}
}

func sideCodes(side []durand.Actor) string {
	var out []string
	for _, a := range side {
		out = append(out, string(a.Code))
	}
	// Order is the text's, right to left from the nearest; compare sorted.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return strings.Join(out, ",")
}

// TestVerbFiles: a user's PETRARCH verb dictionary codes its verbs, keeps
// their CAMEO codes, and a paired code makes the other side's event.
func TestVerbFiles(t *testing.T) {
	x, err := New(Options{VerbFiles: []string{"../recognize/testdata/verbs.txt"}})
	if err != nil {
		t.Fatal(err)
	}
	text := "Pakistan's president visited Afghanistan on Monday. Pakistan renewed diplomatic ties with Iran on Tuesday."
	evs := x.Extract(durand.Document{ID: "t", Text: text, Published: time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)})
	var got []string
	for _, e := range evs {
		got = append(got, string(e.Type)+" "+e.CAMEO+" "+sideCodes(e.Source)+">"+sideCodes(e.Target))
	}
	want := []string{"CONSULT 042 PAK.GOV>AFG.GOV", "CONSULT 043 AFG.GOV>PAK.GOV", "COOPERATE 064 PAK.GOV>IRN.GOV"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if _, err := New(Options{VerbFiles: []string{"testdata/no-such-verbs.txt"}}); err == nil || !strings.Contains(err.Error(), "no-such-verbs.txt") {
		t.Errorf("a missing verb file: error %v, want one naming the file", err)
	}
}

// TestAttackModes: a shooting of a named or prominent person is PLOVER's
// "assassinate" mode; an attack on a unit, or a bombing, is not. Thrown
// grenades and arson have their modes.
func TestAttackModes(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text, mode string
		targeted   bool
	}{
		{"Gunmen opened fire on Haji Abdul Rauf Khan in Chaman, Balochistan.", "assassinate", true},
		{"Unknown men shot and killed a tribal elder in Bannu, Khyber Pakhtunkhwa.", "assassinate", true},
		{"Gunmen shot dead Sultan, a local journalist, in Quetta.", "assassinate", true},
		{"Gunmen opened fire on the vehicle of a provincial council member in Jalalabad, Nangarhar.", "assassinate", true},
		{"Gunmen attacked Frontier Corps personnel in Turbat, Balochistan.", "", false},
		{"Gunmen shot and killed two soldiers in Turbat, Balochistan.", "firearms", false},
		// A bombing aimed at a person keeps its weapon as the mode (the
		// ACLED sub-type depends on it) and is marked targeted.
		{"A roadside bomb targeted the vehicle of the district governor in Kunar.", "explosives", true},
		{"An explosive device attached to the vehicle of a police commander detonated in Nahri Saraj district, Helmand.", "explosives", true},
		{"A bomb planted outside the residence of Sher Azam Wazir exploded in Bannu.", "explosives", true},
		{"Gunmen opened fire on a convoy transporting Colonel Fraidoon Fayaz in Logar.", "assassinate", true},
		{"Gunmen opened fire on two judges in Kabul.", "assassinate", true},
		{"Gunmen opened fire on two soldiers in Kabul.", "firearms", false},
		{"Militants opened fire on Monday, killing two people in Quetta.", "firearms", false}, // a day is no one's name
		{"A roadside bomb hit a police vehicle in Kunar.", "explosives", false},
		// Kidnapping a named person is no targeted killing.
		{"Gunmen abducted the mayor of Ghoryan in Herat.", "abduct", false},
		{"Assailants hijacked a bus carrying 45 passengers in Herat.", "abduct", false},
		{"Two men threw two hand grenades at a police post in Dera Ismail Khan.", "grenade", false},
		{"Militants torched a girls' school in Diamer, Gilgit-Baltistan.", "destroy", false},
		// The weapon an attack was made with, and weapons fired.
		{"Assailants equipped with mortars attacked a police post in Khash Rod district, Nimroz.", "shelling", false},
		{"Militants attacked the checkpoint with rockets in Kurram.", "shelling", false},
		{"Assailants launched mortars at a civilian home in Laghman.", "shelling", false},
		// A later sentence names the weapon of the attack.
		{"Assailants attacked a security outpost in Shirin Tagab, Faryab. A rocket fired by the assailants during the attack hit a house.", "shelling", false},
		{"Assailants attacked a bus in Kabul. Three civilians were killed in the blast.", "explosives", false},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
		if len(evs) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		if evs[0].Mode != tt.mode || evs[0].Targeted != tt.targeted {
			t.Errorf("%q: mode %q targeted %v, want %q %v", tt.text, evs[0].Mode, evs[0].Targeted, tt.mode, tt.targeted)
		}
	}
}

// TestAbducted: people kidnapped in an attack are counted on the attack,
// beside the killed and the injured.
func TestAbducted(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text                      string
		killed, injured, abducted int
	}{
		{"Assailants attacked a police checkpoint in Qalat, Zabul. Six police officers were killed, and two others were injured in the ensuing clash. " +
			"In addition, three police officers were kidnapped during the attack.", 6, 2, 3},
		{"Assailants attacked a pro-government militia post in Yawan district, Badakhshan. At least four militia members were killed and six members were taken hostage in the attack.", 4, durand.Unknown, 6},
		{"Gunmen opened fire on a water supply facility in Jacobabad, Sindh. A guard was held hostage during the attack.", durand.Unknown, durand.Unknown, 1},
		// Abducted and killed: the same people.
		{"Three tribal leaders from Khyber Pakhtunkhwa, Pakistan, were abducted and later killed by Pakistani Taliban militants.", 3, durand.Unknown, 3},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
		if len(evs) != 1 {
			t.Errorf("%q: %d events, want 1", tt.text, len(evs))
			continue
		}
		ev := evs[0]
		if ev.Fatalities.Best != tt.killed || ev.Injured.Best != tt.injured || ev.Abducted.Best != tt.abducted {
			t.Errorf("%q: killed %d injured %d abducted %d, want %d %d %d", tt.text, ev.Fatalities.Best, ev.Injured.Best, ev.Abducted.Best, tt.killed, tt.injured, tt.abducted)
		}
	}
}

// TestClaimReachesIncident: a claim at the end of a report names the
// perpetrator of every part of the incident the text left unnamed, however
// many sentences of casualties and kidnappings come between.
func TestClaimReachesIncident(t *testing.T) {
	x := newExtractor(t)
	text := "Gunmen attacked a Levies post in Zhob, Balochistan. Four Levies personnel were killed and two were injured in the clash. " +
		"In addition, three personnel were kidnapped during the attack. Their fate is unknown. " +
		"No group claimed responsibility; however, officials attributed the attack to the TTP."
	evs := x.Extract(durand.Document{ID: "t", Text: text, Published: time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)})
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	for _, ev := range evs {
		if len(ev.Source) == 0 || ev.Source[0].Code != "TTP" || ev.Modality != durand.Claimed {
			t.Errorf("%s %q: source %v modality %s, want TTP, claimed", ev.Type, ev.Mode, ev.Source, ev.Modality)
		}
	}
}

// TestClaimantsAccount: the violence a claim of responsibility goes on to
// tell, with no place or date of its own, is the claimant's account of
// the attack claimed, no second event; and a claim of responsibility
// stands against an attribution by others.
func TestClaimantsAccount(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text string
		want []string // every event, "TYPE src>tgt killed"
	}{
		{"Eleven people were killed in a suicide bombing targeting a Frontier Corps convoy in Nushki on Sunday. The Balochistan Liberation Army claimed responsibility, claiming they killed 90 security personnel.",
			[]string{"ASSAULT BLA>PAK.PAR 12"}},
		{"A bomb attached to the vehicle of a cleric detonated in Kabul on Monday, killing two people. The Islamic State claimed responsibility for the incident. Sources also attributed the attack to the Taliban, which denied involvement.",
			[]string{"ASSAULT ISKP>CIV 2"}},
		// A claim that goes on to an attack of its own, placed, is two
		// events; the claim is for the latest.
		{"A bomb killed three soldiers in Quetta on Sunday. The BLA claimed responsibility, and its fighters killed two policemen in Turbat on Monday.",
			[]string{"ASSAULT >PAK.MIL 3", "ASSAULT BLA>PAK.POL 2"}},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2025, 3, 18, 0, 0, 0, 0, time.UTC)}) {
			got = append(got, fmt.Sprintf("%s %s>%s %d", e.Type, sideCodes(e.Source), sideCodes(e.Target), e.Fatalities.Best))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// TestBackgroundYearsAfter: a clause "years after" tells of the background,
// dated that long before (year precision), not on the day of the statement
// the sentence reports.
func TestBackgroundYearsAfter(t *testing.T) {
	x := newExtractor(t)
	text := "Pakistan will reopen its consulate in Jalalabad, several years after a mob torched the building, an official said on Saturday."
	evs := x.Extract(durand.Document{ID: "t", Text: text, Published: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
	for _, ev := range evs {
		if ev.Type != durand.Assault {
			continue
		}
		if ev.Date.Precision != durand.Year || !ev.Date.End.Before(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("torching dated %s..%s (%s), want years before 2021, year precision", ev.Date.Start.Format("2006-01-02"), ev.Date.End.Format("2006-01-02"), ev.Date.Precision)
		}
		return
	}
	t.Fatalf("no assault event in %q: %+v", text, evs)
}

// TestDisruptedWeapons: a bomb defused is ACLED's "Disrupted weapons use",
// done by the forces who defused it, against the group the attempt is
// attributed to.
func TestDisruptedWeapons(t *testing.T) {
	x := newExtractor(t)
	text := "Security forces discovered and defused four explosive devices along public roads in Gizab district, Uruzgan, Afghanistan. " +
		"No group claimed responsibility for the incident; however, sources attributed the attempted attack to the Taliban."
	evs := x.Extract(durand.Document{ID: "t", Text: text, Published: time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC)})
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1: %+v", len(evs), evs)
	}
	ev := evs[0]
	if ev.Mode != "disrupt" || ev.ACLEDSubtype != "Disrupted weapons use" {
		t.Errorf("mode %q, ACLED %q/%q; want disrupt, Disrupted weapons use", ev.Mode, ev.ACLEDType, ev.ACLEDSubtype)
	}
	if len(ev.Target) == 0 || ev.Target[0].Code != "TAL" {
		t.Errorf("target %+v, want the Taliban (TAL, before August 2021)", ev.Target)
	}
	if ev.Place == nil || ev.Place.Admin1 != "Uruzgan" {
		t.Errorf("place %+v, want in Uruzgan", ev.Place)
	}
}

// TestUnasserted: negated, future and hypothetical statements are left out
// by default and, when asked for, reported with their modality and
// actors; what happened in the same text is reported as before.
func TestUnasserted(t *testing.T) {
	x, err := New(Options{Unasserted: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want string // "MODALITY TYPE src>tgt"; "" for no unasserted event
	}{
		{"Pakistan will hold talks with Afghanistan next week.", "future CONSULT PAK.GOV>AFG.GOV"},
		{"The army did not strike the village in Khost on Monday.", "negated ASSAULT AFG.MIL>"},
		{"Militants could attack the post in Kunar if talks fail.", "hypothetical ASSAULT REB>"},
		{"Militants attacked a post in Kunar on Monday.", ""},
		// An attack still being planned has not happened; one planned
		// earlier has.
		{"Police said attacks by militants on a market in Quetta are being planned for Saturday.", "future ASSAULT REB>"},
		{"Police foiled a planned attack by militants on a mosque in Quetta on Monday.", "future ASSAULT REB>"},
		{"The attack by militants on a post in Kunar on Monday was planned in a nearby village.", ""},
	}
	pub := time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		doc := durand.Document{ID: "t", Text: tt.text, Published: pub}
		var got []string
		for _, e := range x.Extract(doc) {
			if e.Modality != durand.Asserted && e.Modality != durand.Claimed {
				got = append(got, string(e.Modality)+" "+string(e.Type)+" "+sideCodes(e.Source)+">"+sideCodes(e.Target))
			}
		}
		if tt.want == "" && len(got) > 0 || tt.want != "" && (len(got) == 0 || got[0] != tt.want) {
			t.Errorf("%q: unasserted %q, want %q", tt.text, got, tt.want)
		}
		for _, e := range newExtractor(t).Extract(doc) {
			if e.Modality != durand.Asserted && e.Modality != durand.Claimed {
				t.Errorf("%q: by default, a %s event", tt.text, e.Modality)
			}
		}
	}
}

// TestDictionaryRoles: roles read with a user's dictionaries. A heavy
// weapon named after a verb of firing is the weapon, though the actor
// dictionary knows "artillery" as a unit, and a state's name followed by a
// verb in -ed is no nationality (a PETRARCH verb file). States from a
// Phoenix dictionary, known only as names: a past tense after one is its
// verb, and two that act on each other are the two sides.
func TestDictionaryRoles(t *testing.T) {
	tests := []struct {
		opt        Options
		text, want string // want: the first event, "TYPE src>tgt"
	}{
		{Options{VerbFiles: []string{"testdata/verbs.txt"}}, "North Korea fired two artillery shells at the village on Thursday.", "ASSAULT PRK.MIL>"},
		{Options{VerbFiles: []string{"testdata/verbs.txt"}}, "Pakistan fired artillery at Kunar on Monday.", "ASSAULT PAK.MIL>"},
		{Options{ActorFiles: []string{"phoenix:testdata/phoenix.txt"}}, "The evil awful Gondor held talks with Osgiliath on Monday.", "CONSULT GON.GOV>OSG.GOV"},
		{Options{ActorFiles: []string{"phoenix:testdata/phoenix.txt"}}, "Gondor and Osgiliath accused each other of violating the truce on Monday.", "ACCUSE GON.GOV>OSG.GOV"},
	}
	for _, tt := range tests {
		x, err := New(tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)}) {
			got = append(got, string(e.Type)+" "+sideCodes(e.Source)+">"+sideCodes(e.Target))
		}
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("%q: got %q, want %q first", tt.text, got, tt.want)
		}
	}
}

// TestAccusation: violence a party accuses another of is reported as the
// accuser's claim, with the accused as its source; a suspect's charge, an
// accusation of something other than violence and a denied accusation
// report none.
func TestAccusation(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text               string
		source, target, by string // codes; by is who claims; "" for no violent event
		killed             int
	}{
		{"Pakistan accused India of killing three civilians in Kotli on Monday.", "IND.MIL", "CIV", "PAK.GOV", 3},
		{"Police accused the TTP of attacking a checkpost in Bannu on Monday.", "TTP", "", "POL", -1},
		{"Afghanistan accuses Pakistan of bombing Khost on Monday.", "PAK.MIL", "", "AFG.GOV", -1},
		{"Police arrested three militants accused of killing a judge in Quetta on Monday.", "", "", "", -1},
		{"Pakistan accuses the Taliban of sheltering militants in Kunar on Monday.", "", "", "", -1},
		{"Pakistan denies accusing India of killing civilians in Kotli on Monday.", "", "", "", -1},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Text: tt.text, Published: time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)})
		var got *durand.Event
		for i := range evs {
			if evs[i].Type == durand.Assault {
				got = &evs[i]
			}
		}
		if tt.by == "" {
			if got != nil {
				t.Errorf("%q: violent event %s %s>%s, want none", tt.text, got.Type, sideCodes(got.Source), sideCodes(got.Target))
			}
			continue
		}
		if got == nil {
			t.Errorf("%q: no violent event", tt.text)
			continue
		}
		by := ""
		if got.ClaimedBy != nil {
			by = string(got.ClaimedBy.Code)
		}
		if got.Modality != durand.Claimed || by != tt.by || sideCodes(got.Source) != tt.source || sideCodes(got.Target) != tt.target || got.Fatalities.Best != tt.killed {
			t.Errorf("%q: %s claimed by %q, %s>%s, killed %d; want claimed by %q, %s>%s, killed %d", tt.text, got.Modality, by,
				sideCodes(got.Source), sideCodes(got.Target), got.Fatalities.Best, tt.by, tt.source, tt.target, tt.killed)
		}
	}
}

// TestUnknownBodies checks that an agent closing a proper name the
// dictionaries lack ("Army" in "Sindhudesh Revolutionary Army") names that
// body, with its name, and that titles and addresses do not.
func TestUnknownBodies(t *testing.T) {
	x := newExtractor(t)
	pub := time.Date(2021, 3, 24, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		name string // the source's name, "" for none
	}{
		{"Assailants threw a grenade at a Rangers vehicle in Khairpur, Sindh, Pakistan. The Sindhudesh Revolutionary Army claimed responsibility for the incident.", "Sindhudesh Revolutionary Army"},
		{"Vice President Mike Pence attacked the media in Utah on Monday.", ""},
		{"Assailants opened fire on employees of a court in Fourth Police District, Jalalabad, Nangarhar, Afghanistan.", "Assailants"},
		// A name closing with a country's is a party, not the state.
		{"Thousands joined a Tehreek-e-Labbaik Pakistan protest in Lahore on Monday.", "Tehreek-e-Labbaik Pakistan"},
		{"Meanwhile Pakistan attacked militants in Khost on Monday.", ""},
		// Its people are the body's, not a state army's.
		{"Eight Pakistani citizens were killed by Baloch Nationalist Army gunmen in Iran on Monday.", "Baloch Nationalist Army"},
	}
	for _, tt := range tests {
		evs := x.Extract(durand.Document{ID: "t", Published: pub, Text: tt.text})
		var names []string
		for _, e := range evs {
			for _, a := range append(append([]durand.Actor{}, e.Source...), e.Target...) {
				names = append(names, string(a.Code)+":"+a.Name)
			}
		}
		got := ""
		if len(evs) > 0 && len(evs[0].Source) > 0 {
			got = evs[0].Source[0].Name
		}
		if tt.name != "" && got != tt.name {
			t.Errorf("%q: source %q, want %q (actors %v)", tt.text, got, tt.name, names)
		}
		for _, n := range names {
			if strings.HasPrefix(n, "UNK:") && strings.Contains(n, " ") && !strings.Contains(n, tt.name) || tt.name == "" && strings.HasPrefix(n, "UNK:") {
				t.Errorf("%q: %s named as an unknown body", tt.text, n)
			}
		}
	}
}

// TestRequested: what is demanded, urged or called for, as the request's
// object, has not happened; what a demand is about, or a clause after it,
// has. The request itself is an event (PLOVER REQUEST, CAMEO 10).
func TestRequested(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		text     string
		asserted string // the event types reported, in order
	}{
		{"Pakistan demanded the release of its soldiers on Monday.", "REQUEST"},
		{"The UN called for an immediate ceasefire on Monday.", "REQUEST"},
		// The Pope is no actor the dictionaries know, and a request by
		// no one known is no event.
		{"The Pope calls for an immediate ceasefire in Kashmir and the release of all hostages.", ""},
		{"Pakistan demanded a probe into a strike on a hospital in Khost on Monday.", "REQUEST ASSAULT"},
		{"Pakistan demanded action after militants killed 12 soldiers in Bannu on Monday.", "REQUEST ASSAULT"},
	}
	pub := time.Date(2021, 3, 2, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		var got []string
		for _, e := range x.Extract(durand.Document{ID: "t", Text: tt.text, Published: pub}) {
			got = append(got, string(e.Type))
		}
		if strings.Join(got, " ") != tt.asserted {
			t.Errorf("%q: events %q, want %q", tt.text, got, tt.asserted)
		}
	}
}

// TestActorsByPlace: a name that does not say which actor it means reads
// by where the violence happened ("Taliban militants" fighting in
// Pakistan since the TTP's founding are the TTP, not Afghanistan's rulers
// or the Afghan insurgents); a name that says which, and statements, keep
// the actor's own role.
func TestActorsByPlace(t *testing.T) {
	x := newExtractor(t)
	tests := []struct {
		published, text string
		want            []string // all the events, "TYPE src>tgt"
	}{
		{"2025-09-27", "The Pakistan Armed Forces killed 17 Taliban militants in an overnight operation in Lakki Marwat District on Monday.", []string{"ASSAULT PAK.MIL>TTP"}},
		{"2025-01-07", "Three Pakistani soldiers and 19 Taliban insurgents were killed in shootouts in Khyber Pakhtunkhwa on Monday.", []string{"FIGHT PAK.MIL>TTP"}},
		{"2015-03-02", "Taliban gunmen attacked a police station in Bannu on Monday, killing three policemen.", []string{"ASSAULT TTP>PAK.POL"}},
		{"2025-03-04", "Police commander killed in Taliban attack in Bannu on Monday.", []string{"ASSAULT TTP>PAK.POL"}}, // the group before an event noun is its agent
		{"2005-03-02", "Taliban gunmen attacked a police station in Bannu on Monday, killing three policemen.", []string{"ASSAULT TAL>PAK.POL"}},
		{"2025-10-12", "Afghan Taliban forces attacked Pakistani border posts in Kurram on Monday.", []string{"ASSAULT AFG.MIL>PAK.MIL"}},
		// A governing movement's fighters are its state's forces.
		{"2025-05-17", "Thirteen Taliban fighters were killed in a bombing at a military base in Panjshir on Monday.", []string{"ASSAULT >AFG.MIL"}},
		{"2025-05-17", "Taliban border guards and Iranian border guards exchanged fire in Nimroz on Monday.", []string{"FIGHT AFG.MIL>IRN.MIL"}},
		{"2025-10-12", "The Taliban threatened Pakistan with consequences in Peshawar on Monday.", []string{"THREATEN AFG.GOV>PAK.GOV"}},
		// An event the report does not place reads where its others happened.
		{"2016-01-20", "Gunmen stormed a university in Charsadda on Monday, killing 20 people. The Taliban claimed the attack.", []string{"ASSAULT TTP>CIV"}},
		{"2025-03-04", "Taliban militants attacked a checkpoint on Monday, killing two soldiers. A roadside bomb killed three people in Peshawar on Tuesday.", []string{"ASSAULT TTP>POL", "ASSAULT >CIV"}},
	}
	for _, tt := range tests {
		pub, err := time.Parse(time.DateOnly, tt.published)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range x.Extract(durand.Document{ID: "t", Text: tt.text, Published: pub}) {
			got = append(got, string(e.Type)+" "+sideCodes(e.Source)+">"+sideCodes(e.Target))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.published, tt.text, got, tt.want)
		}
	}
}
