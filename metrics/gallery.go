package metrics

// GalleryResult is what a scraped-gallery regime's searches found, and what
// holding the gallery costs the city's residents.
type GalleryResult struct {
	// Size is the gallery's number of identities; Days the days searched.
	Size       float64 `json:"gallery_size"`
	Days       int     `json:"days"`
	Authorised bool    `json:"authorised"`
	// CollectionBasis is the legal basis the faces were collected on ("":
	// none).
	CollectionBasis string `json:"collection_basis,omitempty"`
	// Rank1Miss and Top10Miss are the model's miss rates at this gallery
	// size (the arithmetic, before any draw; "top 10" is the whole list
	// when it is shorter); FalseCandidates the expected non-mated
	// candidates above threshold per search, capped at the list's length.
	Rank1Miss       float64 `json:"model_rank1_miss"`
	Top10Miss       float64 `json:"model_top10_miss"`
	FalseCandidates float64 `json:"model_false_candidates_per_search"`
	// Searches counts stills searched; SuspectsWithStill the wanted people
	// in the searched categories whom a camera recorded (the pool stills
	// are drawn from).
	Searches          int `json:"searches"`
	SuspectsWithStill int `json:"suspects_with_still"`
	// HeldShareOfSuspects is the share of those suspects the gallery
	// holds; the Expected figures are the model's chances per search for
	// them, before any draw (the drawn shares below scatter around them).
	HeldShareOfSuspects float64 `json:"held_share_of_suspects"`
	ExpectedRank1       float64 `json:"expected_found_rank1"`
	ExpectedTop10       float64 `json:"expected_found_top10"`
	ExpectedIdentified  float64 `json:"expected_identified_by_reviewer"`
	ExpectedFalseLeads  float64 `json:"expected_false_leads_per_search"`
	// InGallery, Rank1, Top10 and Identified are shares of searches: the
	// right person is in the gallery, ranked first, in the first ten, and
	// picked by the investigator.
	InGallery  Rate `json:"in_gallery"`
	Rank1      Rate `json:"found_rank1"`
	Top10      Rate `json:"found_top10"`
	Identified Rate `json:"identified_by_reviewer"`
	// FalseLeads counts searches whose investigator picked a wrong
	// candidate; FalseLeadsPerSearch divides them by the searches.
	FalseLeads          int     `json:"false_leads"`
	FalseLeadsPerSearch float64 `json:"false_leads_per_search"`
	// InnocentResidents counts the distinct residents investigated after a
	// false lead.
	InnocentResidents int `json:"innocent_residents_investigated"`
	// ResidentsHeld counts residents whose faces the gallery collected;
	// HeldWithoutBasis those of them it still holds, after the erasures it
	// honoured, with no legal basis (all of those, when the gallery names
	// no collection basis).
	ResidentsHeld    int `json:"residents_held"`
	HeldWithoutBasis int `json:"residents_held_without_legal_basis"`
	// Erasure requests made and honoured, when a regulator's order applies.
	RegulatorOrder   bool           `json:"regulator_order"`
	ErasureRequested int            `json:"erasure_requested"`
	ErasureHonoured  int            `json:"erasure_honoured"`
	ByGroup          []GalleryGroup `json:"by_group"`
}

// GalleryGroup is one demographic group's share of a gallery's searches and
// costs. Searches, Rank1, Top10, Identified and FalseLeads count searches
// for a suspect of the group; InnocentResidents counts residents of the
// group investigated after a false lead.
type GalleryGroup struct {
	Group             string `json:"group"`
	Population        int    `json:"population"`
	ResidentsHeld     int    `json:"residents_held"`
	Searches          int    `json:"searches"`
	Rank1             int    `json:"found_rank1"`
	Top10             int    `json:"found_top10"`
	Identified        int    `json:"identified_by_reviewer"`
	FalseLeads        int    `json:"false_leads"`
	InnocentResidents int    `json:"innocent_residents_investigated"`
}

// DataFlow says who operates a regime's system, who supplies it, where its
// face data are held, and how many face records each place holds.
type DataFlow struct {
	Operator string `json:"operator,omitempty"`
	Supplier string `json:"supplier,omitempty"`
	// Hosting is police, city, national-provider or foreign-cloud;
	// Country the ISO code of where it is ("" for the jurisdiction's own).
	Hosting       string        `json:"hosting"`
	Country       string        `json:"hosting_country,omitempty"`
	LegalBasis    string        `json:"legal_basis,omitempty"`
	TransferBasis string        `json:"transfer_basis,omitempty"`
	Records       []DataRecords `json:"records"`
}

// DataRecords counts one kind of face record and where it is held: camera
// records kept under retention, residents' faces in a scraped gallery,
// stills sent to it for searching.
type DataRecords struct {
	Kind    string `json:"kind"`
	Hosting string `json:"hosting"`
	Country string `json:"hosting_country,omitempty"`
	Count   int    `json:"count"`
}

// Kinds of face record a DataFlow counts.
const (
	RecordsCamera  = "camera-records"
	RecordsScraped = "scraped-residents"
	RecordsStills  = "search-stills"
)
