package extract

// EventType describes one type of the event vocabulary of
// ../shared/eval/FORMAT.md with its CAMEO and PLOVER codes.
type EventType struct {
	Name      string
	CAMEO     string
	PLOVER    string
	Symmetric bool // "A met B" is "B met A"
}

// Types is the event vocabulary, in the order of FORMAT.md.
var Types = []EventType{
	{"statement", "010", "", false},
	{"appeal", "020", "DEMAND", false},
	{"pledge", "030", "AGREE", false},
	{"meet", "040", "CONSULT", true},
	{"visit", "042", "CONSULT", false},
	{"mediate", "045", "CONSULT", false},
	{"negotiate", "046", "CONSULT", true},
	{"praise", "051", "SUPPORT", false},
	{"cooperate", "050", "COOPERATE", true},
	{"agree", "057", "AGREE", true},
	{"ally", "050", "SUPPORT", true},
	{"aid", "070", "AID", false},
	{"ceasefire", "0871", "RETREAT", true},
	{"withdraw", "087", "RETREAT", false},
	{"investigate", "090", "INVESTIGATE", false},
	{"demand", "100", "DEMAND", false},
	{"criticize", "111", "DISAPPROVE", false},
	{"accuse", "112", "DISAPPROVE", false},
	{"deny", "114", "DISAPPROVE", false},
	{"reject", "120", "REJECT", false},
	{"threaten", "130", "THREATEN", false},
	{"protest", "140", "PROTEST", false},
	{"mobilize", "150", "MOBILIZE", false},
	{"sanction", "160", "SANCTION", false},
	{"arrest", "173", "COERCE", false},
	{"attack", "180", "ASSAULT", false},
	{"fight", "190", "FIGHT", true},
}

// LookupType returns the vocabulary entry for name.
func LookupType(name string) (EventType, bool) {
	for _, t := range Types {
		if t.Name == name {
			return t, true
		}
	}
	return EventType{}, false
}
