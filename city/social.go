package city

// Ties are the social circles news of a wrongful stop travels through:
// households (same home), workplaces and schools (same work place), and
// neighbourhoods (homes at the same intersection).
type Ties struct {
	household, workplace, neighbourhood circles
}

// circles groups citizens by a key, as compressed rows: members of the
// circle with key k are ids[start[k]:start[k+1]].
type circles struct {
	start []int32
	ids   []int32
	keyOf []int32 // citizen -> key, -1 for none
}

func newCircles(keyOf []int32, keys int) circles {
	c := circles{start: make([]int32, keys+1), keyOf: keyOf}
	for _, k := range keyOf {
		if k >= 0 {
			c.start[k+1]++
		}
	}
	for k := 0; k < keys; k++ {
		c.start[k+1] += c.start[k]
	}
	c.ids = make([]int32, c.start[keys])
	fill := append([]int32(nil), c.start[:keys]...)
	for i, k := range keyOf {
		if k >= 0 {
			c.ids[fill[k]] = int32(i)
			fill[k]++
		}
	}
	return c
}

func (c circles) of(i int) []int32 {
	k := c.keyOf[i]
	if k < 0 {
		return nil
	}
	return c.ids[c.start[k]:c.start[k+1]]
}

// Household returns the citizens living with citizen i (i included).
func (t *Ties) Household(i int) []int32 { return t.household.of(i) }

// Workplace returns the citizens working or studying with citizen i.
func (t *Ties) Workplace(i int) []int32 { return t.workplace.of(i) }

// Neighbourhood returns the citizens whose homes share citizen i's street corner.
func (t *Ties) Neighbourhood(i int) []int32 { return t.neighbourhood.of(i) }

func (c *City) buildTies() {
	n := len(c.Citizens)
	home, work, corner := make([]int32, n), make([]int32, n), make([]int32, n)
	for i, cz := range c.Citizens {
		home[i], work[i] = cz.Home, cz.Work
		corner[i] = c.Places[cz.Home].Node
	}
	c.Ties = &Ties{
		household:     newCircles(home, len(c.Places)),
		workplace:     newCircles(work, len(c.Places)),
		neighbourhood: newCircles(corner, len(c.Streets.Nodes)),
	}
}
