package policy

import (
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
)

// ScrapedGallery is a private database of faces scraped from the public web
// (Clearview-style), searched retrospectively with stills from the city's
// cameras. A search returns a ranked candidate list, and an investigator
// picks a candidate (or none) from it. Every default is sourced in
// DefaultScrapedGallery; the figures marked there as assumptions are meant
// to be swept.
type ScrapedGallery struct {
	// Size is the number of identities in the database, residents and
	// non-residents together.
	Size float64 `yaml:"size" json:"size" jsonschema:"minimum=1,maximum=1e11,description=Identities in the scraped database (Clearview reported more than 10 billion images)"`
	// PublicPhotoShare is the share of residents, by age band, whose face
	// is in the database because photographs of them are public.
	PublicPhotoShare []AgeShare `yaml:"public_photo_share,omitempty" json:"public_photo_share,omitempty" jsonschema:"description=Share of residents held in the database by age band (from_age ascending; the first band starts at 0)"`
	// SearchesPerDay is how many stills investigators search a day.
	SearchesPerDay float64 `yaml:"searches_per_day" json:"searches_per_day" jsonschema:"minimum=0,maximum=100000"`
	// SearchDays is how many days investigators search (0: the run's
	// days). The simulated days' stills stand in for every day's: a
	// one-day city can answer what a year of searches finds.
	SearchDays int `yaml:"search_days,omitempty" json:"search_days,omitempty" jsonschema:"minimum=0,maximum=3660"`
	// Categories are the wanted categories a still may be searched for:
	// serious, minor, missing.
	Categories []string `yaml:"categories,omitempty" json:"categories,omitempty"`
	// Authorised says whether each search needs prior authorisation (a
	// judge or an independent authority); without it any category is
	// searched and the DPIA says so.
	Authorised bool `yaml:"authorised" json:"authorised"`
	// Rank1MissAtReference is the false negative identification rate at
	// rank 1 measured on a reference gallery of ReferenceSize identities.
	Rank1MissAtReference float64 `yaml:"rank1_miss_at_reference" json:"rank1_miss_at_reference" jsonschema:"minimum=0,maximum=1"`
	ReferenceSize        float64 `yaml:"reference_size" json:"reference_size" jsonschema:"minimum=1,maximum=1e11"`
	// MissGrowthExponent is b in miss(N) = miss(N0) * (N/N0)^b: NIST
	// reports rank-1 miss rates that rise slowly as the gallery grows, but
	// no fit reaches 10^9-10^10 identities. An assumption: sweep it.
	MissGrowthExponent float64 `yaml:"miss_growth_exponent" json:"miss_growth_exponent" jsonschema:"minimum=0,maximum=1"`
	// StillMissFactor multiplies the miss rate for street-camera stills
	// against the reference's probes (1: as good as the reference's). An
	// assumption: sweep it.
	StillMissFactor float64 `yaml:"still_miss_factor" json:"still_miss_factor" jsonschema:"minimum=0,maximum=1000"`
	// FalseMatchPerComparison is the chance one non-mated comparison scores
	// above the list's threshold (0: no threshold, the list is always full).
	FalseMatchPerComparison float64 `yaml:"false_match_per_comparison" json:"false_match_per_comparison" jsonschema:"minimum=0,maximum=1"`
	// ListLength is how many candidates a search returns at most.
	ListLength int `yaml:"list_length" json:"list_length" jsonschema:"minimum=1,maximum=1000"`
	// ReviewerError is the share of candidate lists on which the person
	// picking a candidate errs.
	ReviewerError float64 `yaml:"reviewer_error" json:"reviewer_error" jsonschema:"minimum=0,maximum=1"`
	// WrongPickShare is, of the reviewer's errors on a list that holds the
	// right person, the share that pick someone else rather than no one.
	// An assumption: sweep it.
	WrongPickShare float64 `yaml:"wrong_pick_share" json:"wrong_pick_share" jsonschema:"minimum=0,maximum=1"`
	// LocalLeadShare is the share of false leads that fall on a resident of
	// the city (investigators follow candidates who could have been there).
	// An assumption: sweep it.
	LocalLeadShare float64 `yaml:"local_lead_share" json:"local_lead_share" jsonschema:"minimum=0,maximum=1"`
	// CollectionBasis names the legal basis on which the faces were
	// collected; empty means none (as the CNIL found for Clearview in
	// 2021), and every resident held counts as held without one.
	CollectionBasis string `yaml:"collection_basis,omitempty" json:"collection_basis,omitempty"`
	// Erasure is what happens when residents ask to be removed.
	Erasure Erasure `yaml:"erasure" json:"erasure"`
}

// AgeShare is a share that applies from an age upwards, until the next
// band's FromAge.
type AgeShare struct {
	FromAge int     `yaml:"from_age" json:"from_age" jsonschema:"minimum=0,maximum=120"`
	Share   float64 `yaml:"share" json:"share" jsonschema:"minimum=0,maximum=1"`
	Source  string  `yaml:"source,omitempty" json:"source,omitempty"`
}

// Erasure says whether a regulator has ordered the database's owner to
// erase residents' faces on request, how many ask and how many are erased.
type Erasure struct {
	RegulatorOrder bool `yaml:"regulator_order" json:"regulator_order"`
	// RequestShare is the share of residents held who ask. An assumption.
	RequestShare float64 `yaml:"request_share" json:"request_share" jsonschema:"minimum=0,maximum=1"`
	// HonouredShare is the share of requests the owner honours.
	HonouredShare float64 `yaml:"honoured_share" json:"honoured_share" jsonschema:"minimum=0,maximum=1"`
}

// ShareAt returns the share of residents of an age held in the database.
func (g *ScrapedGallery) ShareAt(age int) float64 {
	share := 0.0
	for _, b := range g.PublicPhotoShare {
		if age >= b.FromAge {
			share = b.Share
		}
	}
	return share
}

// DefaultScrapedGallery returns the sourced defaults. The public-photo
// shares stand in for "has public photographs" by "uses social media";
// assumptions are named as such in their sources.
func DefaultScrapedGallery() ScrapedGallery {
	const pew = "Pew Research Center, Social Media Use in 2021: share of US adults who use any social media site (a proxy for public photographs)"
	return ScrapedGallery{
		Size: 1e10,
		PublicPhotoShare: []AgeShare{
			{FromAge: 0, Share: 0.5, Source: "assumption: minors appear in photographs others post; no survey figure; sweep it"},
			{FromAge: 18, Share: 0.84, Source: pew},
			{FromAge: 30, Share: 0.81, Source: pew},
			{FromAge: 50, Share: 0.73, Source: pew},
			{FromAge: 65, Share: 0.45, Source: pew},
		},
		SearchesPerDay:          10,
		Categories:              []string{"serious", "minor"},
		Rank1MissAtReference:    0.0015,
		ReferenceSize:           12e6,
		MissGrowthExponent:      0.1,
		StillMissFactor:         1,
		FalseMatchPerComparison: 1.0 / 6000 / 10000,
		ListLength:              10,
		ReviewerError:           0.5,
		WrongPickShare:          0.5,
		LocalLeadShare:          1,
		Erasure:                 Erasure{RequestShare: 0.01},
	}
}

// Hosting places where face data can be held.
const (
	HostPolice           = "police"
	HostCity             = "city"
	HostNationalProvider = "national-provider"
	HostForeignCloud     = "foreign-cloud"
)

// HostingPlaces lists the allowed hosting places.
var HostingPlaces = []string{HostPolice, HostCity, HostNationalProvider, HostForeignCloud}

// DataFlow says who operates a regime's system, who supplies it, where its
// face data are held and on what legal basis they are processed.
type DataFlow struct {
	// Operator runs the system day to day (a police force, the city).
	Operator string `yaml:"operator,omitempty" json:"operator,omitempty"`
	// Supplier sells or builds it (a vendor's name, or "in-house").
	Supplier string `yaml:"supplier,omitempty" json:"supplier,omitempty"`
	// Hosting is where the face records are held: police, city,
	// national-provider or foreign-cloud.
	Hosting string `yaml:"hosting" json:"hosting,omitempty" jsonschema:"enum=police,enum=city,enum=national-provider,enum=foreign-cloud"`
	// HostingCountry is the ISO 3166 code of the country the data are held
	// in (the jurisdiction's own when left out).
	HostingCountry string `yaml:"hosting_country,omitempty" json:"hosting_country,omitempty" jsonschema:"pattern=^[a-z]{2}$"`
	// FootageHosting and FootageCountry say where camera records are held
	// when not with the rest (a force that keeps its footage and sends
	// stills to a vendor's cloud); empty means with the rest.
	FootageHosting string `yaml:"footage_hosting,omitempty" json:"footage_hosting,omitempty" jsonschema:"enum=police,enum=city,enum=national-provider,enum=foreign-cloud"`
	FootageCountry string `yaml:"footage_country,omitempty" json:"footage_country,omitempty" jsonschema:"pattern=^[a-z]{2}$"`
	// LegalBasis names the basis the processing rests on (a law, a judge's
	// order, consent); empty means none was given, and the DPIA flags it.
	LegalBasis string `yaml:"legal_basis,omitempty" json:"legal_basis,omitempty"`
	// TransferBasis names the ground for sending data abroad (adequacy
	// decision, standard contractual clauses, the CNDP's authorisation);
	// empty means none.
	TransferBasis string `yaml:"transfer_basis,omitempty" json:"transfer_basis,omitempty"`
}

// UnmarshalYAML starts from DefaultScrapedGallery, so a scenario writes
// only what it changes; unknown keys are refused.
func (g *ScrapedGallery) UnmarshalYAML(node ast.Node) error {
	type plain ScrapedGallery
	*g = DefaultScrapedGallery()
	return yaml.NodeToValue(node, (*plain)(g), yaml.Strict())
}
