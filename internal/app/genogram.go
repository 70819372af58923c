package app

import (
	"slices"
	"strconv"

	"github.com/waymark-care/waymark/internal/domain"
)

// Genogram is a family diagram drawn as inline SVG on the server: parents
// above, the child and their brothers and sisters in the middle, everyone
// else in the child's network below. Males are squares, females circles,
// others diamonds; people who live with the child have a dashed outline.
type Genogram struct {
	Width, Height int
	People        []GenogramPerson
	Lines         []GenogramLine
	Description   string // the diagram in words, for screen readers
}

// GenogramPerson is one person in the diagram, centred on X, Y.
type GenogramPerson struct {
	X, Y        int
	Shape       string // square, circle or diamond
	Name        string
	Relation    string
	Child       bool // the child whose record this is
	LivesWith   bool
	Deceased    bool
	Points      string // the diamond's corners
	Left, Top   int    // the square's corner
	LabelY      int
	RelationY   int
	CrossX1     int
	CrossY1     int
	CrossX2     int
	CrossY2     int
	OutlineDash string
}

// GenogramLine joins people: partners, and parents to children.
type GenogramLine struct{ X1, Y1, X2, Y2 int }

const (
	genogramGap  = 150 // between people in a row
	genogramSize = 40  // a person's shape
	genogramRowY = 120 // between rows
)

var (
	parentRelations  = []string{"mother", "father", "parent", "step_parent", "parent_partner", "adoptive_parent"}
	siblingRelations = []string{"sibling", "half_sibling", "step_sibling"}
)

// FamilyMember is a relative of the child, for the genogram.
type FamilyMember struct {
	Person   domain.Person
	Relation string // the relationship code
	Title    string // what the relationship is called
	Lives    bool
}

// drawGenogram lays out the child and their family.
func drawGenogram(child domain.Person, family []FamilyMember) Genogram {
	var parents, siblings, others []FamilyMember
	for _, m := range family {
		switch {
		case slices.Contains(parentRelations, m.Relation):
			parents = append(parents, m)
		case slices.Contains(siblingRelations, m.Relation):
			siblings = append(siblings, m)
		default:
			others = append(others, m)
		}
	}
	middle := append([]FamilyMember{{Person: child, Title: "This child", Lives: true}}, siblings...)
	slices.SortStableFunc(middle, func(a, b FamilyMember) int { return a.Person.DateOfBirth.Compare(b.Person.DateOfBirth) })
	rows := [][]FamilyMember{parents, middle, others}
	width := 0
	for _, row := range rows {
		width = max(width, len(row)*genogramGap)
	}
	g := Genogram{Width: width + 40}
	y := 50
	var rowY []int
	for _, row := range rows {
		if len(row) == 0 {
			rowY = append(rowY, 0)
			continue
		}
		rowY = append(rowY, y)
		start := (g.Width - len(row)*genogramGap) / 2
		for i, m := range row {
			g.People = append(g.People, genogramPerson(m, start+i*genogramGap+genogramGap/2, y, m.Person.ID == child.ID))
		}
		y += genogramRowY
	}
	g.Height = y - genogramRowY + 70
	// Partners joined; a line down from them to a line over the children.
	if len(parents) > 0 {
		py, cy := rowY[0], rowY[1]
		first, last := g.People[0].X, g.People[len(parents)-1].X
		if len(parents) > 1 {
			g.Lines = append(g.Lines, GenogramLine{first + genogramSize/2, py, last - genogramSize/2, py})
		}
		mid := (first + last) / 2
		top := py
		if len(parents) == 1 {
			top = py + genogramSize/2
		}
		bar := cy - genogramSize/2 - 20
		g.Lines = append(g.Lines, GenogramLine{mid, top, mid, bar})
		kids := g.People[len(parents) : len(parents)+len(middle)]
		g.Lines = append(g.Lines, GenogramLine{min(mid, kids[0].X), bar, max(mid, kids[len(kids)-1].X), bar})
		for _, k := range kids {
			g.Lines = append(g.Lines, GenogramLine{k.X, bar, k.X, cy - genogramSize/2})
		}
	}
	return g
}

func genogramPerson(m FamilyMember, x, y int, child bool) GenogramPerson {
	h := genogramSize / 2
	p := GenogramPerson{X: x, Y: y, Name: m.Person.Name(), Relation: m.Title, Child: child, LivesWith: m.Lives && !child,
		Deceased: !m.Person.DateOfDeath.IsZero(), Left: x - h, Top: y - h, LabelY: y + h + 18, RelationY: y + h + 34,
		CrossX1: x - h, CrossY1: y - h, CrossX2: x + h, CrossY2: y + h}
	switch m.Person.Sex {
	case "M":
		p.Shape = "square"
	case "F":
		p.Shape = "circle"
	default:
		p.Shape = "diamond"
	}
	p.Points = pointList(x, y-h, x+h, y, x, y+h, x-h, y)
	if p.LivesWith {
		p.OutlineDash = "6 3"
	}
	return p
}

func pointList(xy ...int) string {
	s := ""
	for i := 0; i < len(xy); i += 2 {
		if i > 0 {
			s += " "
		}
		s += strconv.Itoa(xy[i]) + "," + strconv.Itoa(xy[i+1])
	}
	return s
}
