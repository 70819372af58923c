package synth

import (
	"fmt"
	"strings"
)

// Names, streets and places are made up from common parts so that they read
// like a South Yorkshire town's records without describing anyone real.

// heritage is a household's background: its ethnicity codes and the names
// its members are given. Doncaster's children are 93% White British; the
// largest minority groups are White Eastern European and Pakistani (F006).
type heritage struct {
	ethnicity []string
	language  string
	surnames  []string
	girls     []string
	boys      []string
	women     []string
	men       []string
}

var (
	britishGirls = []string{"Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Poppy", "Evie", "Ella", "Grace", "Sophie", "Millie", "Ruby", "Daisy", "Willow", "Rosie", "Harper", "Scarlett", "Chloe", "Jessica", "Megan", "Holly", "Lacey", "Paige", "Maisie", "Esme", "Lexi", "Summer", "Alice", "Matilda", "Niamh", "Tilly", "Phoebe", "Bella", "Imogen", "Ellie", "Lottie", "Skye"}
	britishBoys  = []string{"Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Charlie", "Oscar", "Freddie", "Alfie", "Theo", "Archie", "Jacob", "Thomas", "Reggie", "Tommy", "Riley", "Mason", "Kai", "Logan", "Dylan", "Tyler", "Kyle", "Connor", "Lewis", "Callum", "Jayden", "Ethan", "Max", "Finley", "Louie", "Ronnie", "Harley", "Brody", "Jenson", "Alex", "Ben", "Sam", "Joshua"}
	britishWomen = []string{"Sarah", "Emma", "Laura", "Rachel", "Gemma", "Kelly", "Stacey", "Danielle", "Natalie", "Amy", "Leanne", "Hayley", "Kirsty", "Jade", "Charlotte", "Nicola", "Lisa", "Michelle", "Claire", "Joanne", "Kerry", "Becky", "Zoe", "Shannon", "Chelsea", "Jodie", "Tasha", "Vicky", "Louise", "Carly"}
	britishMen   = []string{"James", "Daniel", "Matthew", "Craig", "Lee", "Wayne", "Dean", "Ryan", "Liam", "Darren", "Mark", "Paul", "Adam", "Scott", "Gary", "Jamie", "Ashley", "Carl", "Shaun", "Richard", "Stuart", "Kieran", "Nathan", "Luke", "Steven", "Jason", "Aaron", "Michael", "Chris", "Andrew"}

	households = choice[heritage]{
		{93, heritage{
			ethnicity: []string{"WBRI"},
			language:  "English",
			surnames:  []string{"Smith", "Jones", "Taylor", "Brown", "Walker", "Wood", "Wright", "Robinson", "Thompson", "White", "Hughes", "Green", "Hall", "Clarke", "Jackson", "Turner", "Hill", "Moore", "Cooper", "Ward", "Harrison", "Marshall", "Atkinson", "Holmes", "Shaw", "Hudson", "Lister", "Barker", "Dawson", "Fletcher", "Firth", "Ellis", "Booth", "Hirst", "Haigh", "Crossley", "Senior", "Sykes", "Bramley", "Ackroyd", "Hepworth", "Kilner", "Wilkinson", "Pickersgill", "Binns", "Staniforth", "Outram", "Rowbotham"},
			girls:     britishGirls, boys: britishBoys, women: britishWomen, men: britishMen,
		}},
		{3, heritage{
			ethnicity: []string{"WOTH"},
			language:  "Polish",
			surnames:  []string{"Nowak", "Kowalski", "Wisniewski", "Lewandowski", "Kaminski", "Zielinski", "Szymanski", "Wozniak", "Popescu", "Ionescu", "Horvath", "Kazlauskas", "Petrauskas", "Balogh", "Dvorak"},
			girls:     []string{"Zuzanna", "Oliwia", "Wiktoria", "Julia", "Maja", "Lena", "Amelia", "Natalia", "Gabriela", "Ioana"},
			boys:      []string{"Jakub", "Filip", "Szymon", "Kacper", "Antoni", "Mateusz", "Bartosz", "Dawid", "Andrei", "Lukas"},
			women:     []string{"Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Monika", "Ewa", "Elena", "Andreea", "Ruta", "Anna"},
			men:       []string{"Tomasz", "Piotr", "Krzysztof", "Marcin", "Pawel", "Michal", "Adrian", "Mihai", "Tomas", "Marek"},
		}},
		{2, heritage{
			ethnicity: []string{"APKN"},
			language:  "Urdu",
			surnames:  []string{"Khan", "Hussain", "Ahmed", "Iqbal", "Akhtar", "Mahmood", "Rashid", "Shah", "Ali", "Butt", "Bibi", "Saleem"},
			girls:     []string{"Aisha", "Zainab", "Maryam", "Hafsa", "Inaya", "Anaya", "Safa", "Hania", "Aleena", "Zara"},
			boys:      []string{"Muhammad", "Ayaan", "Ibrahim", "Yusuf", "Zayn", "Hamza", "Rayyan", "Musa", "Adam", "Eesa"},
			women:     []string{"Shazia", "Nadia", "Rubina", "Samina", "Farzana", "Saima", "Nasreen", "Sadia", "Uzma", "Asma"},
			men:       []string{"Imran", "Tariq", "Asif", "Kamran", "Shahid", "Zahid", "Naveed", "Faisal", "Adnan", "Waseem"},
		}},
		{2, heritage{
			ethnicity: []string{"MWBC", "MWAS", "MOTH", "MWBA"},
			language:  "English",
			surnames:  []string{"Campbell", "Williams", "Brown", "Richards", "Francis", "Grant", "Johnson", "Edwards", "Lewis", "Bennett"},
			girls:     britishGirls, boys: britishBoys, women: britishWomen, men: britishMen,
		}},
	}

	streets      = []string{"Balby", "Wheatley", "Intake", "Hexthorpe", "Cusworth", "Scawsby", "Warmsworth", "Clay Lane", "Carr", "Low Moor", "Cantley", "Hatfield", "Wrangle", "Thorne", "Moorends", "Sprotbrough", "Barnby", "Owston", "Askern", "Adwick", "Rossington", "Finningley", "Tickhill", "Edlington", "Conisbrough", "Denaby", "Kirk Sandall", "Arksey", "Stainforth", "Skellow", "Woodlands", "Bentley", "Toll Bar", "Armthorpe", "Auckley", "Branton", "Hayfield", "Bessacarr", "Lakeside", "Cantley Rise", "Bawtry", "Mexborough"}
	streetSuffix = []string{"Road", "Street", "Avenue", "Close", "Drive", "Crescent", "Lane", "Grove", "Way", "Terrace", "Walk", "Court"}
	streetPrefix = []string{"", "", "", "Old ", "New ", "North ", "South ", "Upper ", "Lower "}
	localTowns   = []string{"Doncaster", "Doncaster", "Doncaster", "Bentley", "Armthorpe", "Mexborough", "Conisbrough", "Rossington", "Thorne", "Adwick le Street", "Edlington", "Askern", "Hatfield", "Tickhill", "Stainforth", "Sprotbrough"}
	// awayPlaces are towns outside the authority where children are placed,
	// with their distance in miles from the authority's centre.
	awayPlaces = []place{
		{"Rotherham", "S60", 11, 16}, {"Rotherham", "S65", 10, 15}, {"Worksop", "S80", 14, 19}, {"Barnsley", "S70", 15, 21},
		{"Gainsborough", "DN21", 17, 22}, {"Goole", "DN14", 18, 23}, {"Sheffield", "S5", 17, 23}, {"Sheffield", "S8", 19, 25},
		{"Scunthorpe", "DN15", 21, 27}, {"Wakefield", "WF1", 22, 28}, {"Pontefract", "WF8", 17, 22}, {"Leeds", "LS11", 28, 35},
		{"York", "YO24", 32, 40}, {"Bradford", "BD3", 36, 42}, {"Lincoln", "LN6", 38, 45}, {"Hull", "HU5", 40, 47},
		{"Nottingham", "NG7", 40, 48}, {"Manchester", "M11", 50, 60}, {"Blackpool", "FY1", 85, 95},
	}
	fictionalUnit = "CIKMOV" // letters never used in the inward part of a real postcode
)

type place struct {
	town, outward string
	lo, hi        int // miles from home
}

// awayPlace is where a child placed outside the authority goes: most often
// a neighbouring town, sometimes far away.
func (s *sim) awayPlace() *place {
	u := s.r.Float64()
	return &awayPlaces[int(u*u*float64(len(awayPlaces)))]
}

// localPostcode returns a postcode in the authority's DN1–DN12 districts.
// Its unit letters are ones Royal Mail never uses, so it is always fictitious.
func (r rng) localPostcode() string {
	return r.postcode(fmt.Sprintf("DN%d", r.between(1, 12)))
}

func (r rng) postcode(outward string) string {
	return fmt.Sprintf("%s %d%c%c", outward, r.IntN(10), fictionalUnit[r.IntN(len(fictionalUnit))], fictionalUnit[r.IntN(len(fictionalUnit))])
}

// street returns a house number and street.
func (r rng) street() string {
	return fmt.Sprintf("%d %s%s %s", r.between(1, 180), oneOf(r, streetPrefix...), oneOf(r, streets...), oneOf(r, streetSuffix...))
}

// ids issues the identifiers that must be unique across the authority.
type ids struct {
	child, nhs, pupil, staff, registration, urn, court, police int
}

// laChildID is the authority's child identifier.
func (n *ids) laChildID() string {
	n.child++
	return fmt.Sprintf("DN%07d", n.child)
}

// nhsNumber returns a valid NHS number from the 999 range, which the NHS
// keeps for test data and never issues to a patient. Numbers are scattered
// across the range rather than issued in order.
func (n *ids) nhsNumber() string {
	for {
		n.nhs++
		body := fmt.Sprintf("999%06d", (n.nhs*7919+104729)%1_000_000)
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(body[i]-'0') * (10 - i)
		}
		check := (11 - sum%11) % 11
		if check != 10 {
			return body + string(rune('0'+check))
		}
	}
}

// upn returns a unique pupil number issued in the authority (LA code 371)
// in the given year: LA, school, year and serial, with the DfE check letter.
func (n *ids) upn(year int) string {
	n.pupil++
	body := fmt.Sprintf("371%04d%02d%03d", 2000+n.pupil/1000%8000, year%100, n.pupil%1000)
	return string(upnCheckLetter(body)) + body
}

// upnCheckLetter is the letter that starts a UPN: its 12 digits weighted 2
// to 13, modulo 23.
func upnCheckLetter(digits string) byte {
	sum := 0
	for i, c := range digits {
		sum += int(c-'0') * (i + 2)
	}
	return "ABCDEFGHJKLMNPQRTUVWXYZ"[sum%23]
}

// staffID is the identifier a professional signs in and audits with.
func (n *ids) staffID() string {
	n.staff++
	return fmt.Sprintf("DN%05d", 10000+n.staff)
}

// registrationNumber is a Social Work England registration.
func (n *ids) registrationNumber() string {
	n.registration++
	return fmt.Sprintf("SW%d", 60000+n.registration*37%90000)
}

// ofstedURN is a children's home's Ofsted unique reference number.
func (n *ids) ofstedURN() string {
	n.urn++
	return fmt.Sprintf("SC%06d", 480000+n.urn*13)
}

// courtReference is a family court case number.
func (n *ids) courtReference(year int) string {
	n.court++
	return fmt.Sprintf("DN%02dC%05d", year%100, n.court)
}

// policeReference is the incident log number a police domestic abuse
// notification quotes: a serial and the year.
func (n *ids) policeReference(year int) string {
	n.police++
	return fmt.Sprintf("DVP/%06d/%02d", n.police, year%100)
}

// email is a work address in a domain reserved for examples.
func email(name string) string {
	return strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@dcs.example"
}
