// Package window draws a live.View in a window with ebiten. It is apart
// from package live because ebiten needs a display as soon as it is
// imported: only the vigie-watch program links it, so vigie itself runs
// anywhere.
package window

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"vigie/internal/atomicfile"
	"vigie/viz/live"
)

// Layout, from package live.
const (
	winW, winH = live.WinW, live.WinH
	mapX, mapY = live.MapX, live.MapY
	mapSize    = live.MapSize
	panelX     = live.PanelX
	panelW     = live.PanelW
)

// Colours, shared with the report where they mean the same thing.
var (
	colLand     = color.RGBA{0xf4, 0xf1, 0xea, 0xff}
	colPanel    = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colStreet   = color.RGBA{0xcc, 0xc7, 0xbb, 0xff}
	colArterial = color.RGBA{0x9c, 0x97, 0x8b, 0xff}
	colCamera   = color.RGBA{0x4c, 0x72, 0xb0, 0xff}
	colFOV      = color.RGBA{0x4c, 0x72, 0xb0, 0x50}
	colCitizen  = color.RGBA{0x44, 0x44, 0x44, 0xff}
	colTrue     = live.ColTrue
	colFalse    = live.ColFalse
	colInk      = color.RGBA{0x22, 0x22, 0x22, 0xff}
	colMuted    = color.RGBA{0x77, 0x77, 0x77, 0xff}
	colAccent   = color.RGBA{0xc4, 0x4e, 0x52, 0xff}
	colBand     = color.RGBA{0xee, 0xf2, 0xfa, 0xff}
	groupCols   = []color.RGBA{{0xe6, 0xa1, 0x57, 0xff}, {0xa0, 0x52, 0x2d, 0xff}, {0x3d, 0x23, 0x14, 0xff},
		{0x6a, 0x8f, 0xc7, 0xff}, {0x7f, 0xb0, 0x69, 0xff}, {0xb5, 0x65, 0xa7, 0xff}}
)

func groupColor(g int) color.RGBA {
	return groupCols[((g%len(groupCols))+len(groupCols))%len(groupCols)]
}

// minFOVPx is the smallest radius a field of view is drawn with, so that
// cameras stay visible on a whole-city map.
const minFOVPx = 9

// game draws a View with ebiten.
type game struct {
	cfg   live.Config
	view  *live.View
	proj  live.Projection
	faces faces
	base  *ebiten.Image // map and panel background, drawn once
	frame *ebiten.Image // what the window shows; read back for screenshots
	panel *ebiten.Image
	pcv   *canvas
	drawn int
	vs    []ebiten.Vertex // citizens' batch, reused
	is    []uint16
	err   error
}

// keyMap maps ebiten keys to view actions.
var keyMap = map[ebiten.Key]live.Key{
	ebiten.KeyDigit1: live.KeyRegime1, ebiten.KeyDigit2: live.KeyRegime2, ebiten.KeyDigit3: live.KeyRegime3,
	ebiten.KeyDigit4: live.KeyRegime4, ebiten.KeyDigit5: live.KeyRegime5,
	ebiten.KeyNumpad1: live.KeyRegime1, ebiten.KeyNumpad2: live.KeyRegime2, ebiten.KeyNumpad3: live.KeyRegime3,
	ebiten.KeyNumpad4: live.KeyRegime4, ebiten.KeyNumpad5: live.KeyRegime5,
	ebiten.KeySpace: live.KeyPause, ebiten.KeyEqual: live.KeyFaster, ebiten.KeyNumpadAdd: live.KeyFaster,
	ebiten.KeyMinus: live.KeySlower, ebiten.KeyNumpadSubtract: live.KeySlower, ebiten.KeyH: live.KeyHelp, ebiten.KeyG: live.KeyGroups,
}

// keyOrder fixes the order keys are read in, so two keys in one frame
// always act the same way.
var keyOrder = []ebiten.Key{ebiten.KeyDigit1, ebiten.KeyDigit2, ebiten.KeyDigit3, ebiten.KeyDigit4, ebiten.KeyDigit5,
	ebiten.KeyNumpad1, ebiten.KeyNumpad2, ebiten.KeyNumpad3, ebiten.KeyNumpad4, ebiten.KeyNumpad5,
	ebiten.KeySpace, ebiten.KeyEqual, ebiten.KeyNumpadAdd, ebiten.KeyMinus, ebiten.KeyNumpadSubtract, ebiten.KeyH, ebiten.KeyG}

func (g *game) Update() error {
	if g.cfg.Frames > 0 && g.drawn >= g.cfg.Frames {
		g.err = g.save()
		return ebiten.Termination
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyEscape) || inpututil.IsKeyJustPressed(ebiten.KeyQ) {
		return ebiten.Termination
	}
	for _, k := range keyOrder {
		if inpututil.IsKeyJustPressed(k) {
			g.view.Press(keyMap[k])
		}
	}
	g.view.Tick()
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	if g.base == nil {
		g.base = ebiten.NewImage(winW, winH)
		g.drawBase(g.base)
		g.frame = ebiten.NewImage(winW, winH)
		g.panel = ebiten.NewImage(panelW, winH)
		g.pcv = newCanvas(panelW, winH)
	}
	f := g.frame
	f.DrawImage(g.base, nil)
	g.drawMarks(f)
	g.drawCitizens(f)
	g.drawFlashes(f)
	g.drawPanel()
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(panelX, 0)
	f.DrawImage(g.panel, op)
	if g.view.Help {
		g.drawHelp(f)
	}
	screen.DrawImage(f, nil)
	g.drawn++
}

func (g *game) Layout(int, int) (int, int) { return winW, winH }

// drawBase draws what does not change: land, streets, cameras.
func (g *game) drawBase(dst *ebiten.Image) {
	dst.Fill(colPanel)
	x0, y0 := g.proj.At(0, g.cfg.Map.Height)
	x1, y1 := g.proj.At(g.cfg.Map.Width, 0)
	vector.DrawFilledRect(dst, x0, y0, x1-x0, y1-y0, colLand, false)
	for _, arterial := range []bool{false, true} {
		for _, s := range g.cfg.Map.Streets {
			if s.Arterial != arterial {
				continue
			}
			ax, ay := g.proj.At(s.X1, s.Y1)
			bx, by := g.proj.At(s.X2, s.Y2)
			w, c := float32(1), colStreet
			if arterial {
				w, c = 2.5, colArterial
			}
			vector.StrokeLine(dst, ax, ay, bx, by, w, c, true)
		}
	}
	for _, c := range g.cfg.Map.Cameras {
		g.drawFOV(dst, c)
	}
	for _, c := range g.cfg.Map.Cameras {
		x, y := g.proj.At(c.X, c.Y)
		vector.DrawFilledRect(dst, x-2, y-2, 4, 4, colCamera, false)
	}
}

// drawFOV fills a camera's field of view, at least minFOVPx long.
func (g *game) drawFOV(dst *ebiten.Image, c live.Camera) {
	x, y := g.proj.At(c.X, c.Y)
	r := float32(math.Max(c.RangeM*g.proj.Scale, minFOVPx))
	// Screen y points down, so angles turn the other way.
	a0 := float32(-(c.HeadingDeg + c.HalfFOVDeg) * math.Pi / 180)
	a1 := float32(-(c.HeadingDeg - c.HalfFOVDeg) * math.Pi / 180)
	var p vector.Path
	p.MoveTo(x, y)
	p.Arc(x, y, r, a0, a1, vector.Clockwise)
	p.Close()
	vs, is := p.AppendVerticesAndIndicesForFilling(nil, nil)
	fillVertices(dst, vs, is, colFOV)
}

var whitePixel = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img
}()

func fillVertices(dst *ebiten.Image, vs []ebiten.Vertex, is []uint16, c color.RGBA) {
	for i := range vs {
		vs[i].SrcX, vs[i].SrcY = 1, 1
		vs[i].ColorR, vs[i].ColorG = float32(c.R)/255, float32(c.G)/255
		vs[i].ColorB, vs[i].ColorA = float32(c.B)/255, float32(c.A)/255
	}
	op := &ebiten.DrawTrianglesOptions{AntiAlias: true, ColorScaleMode: ebiten.ColorScaleModeStraightAlpha}
	dst.DrawTriangles(vs, is, whitePixel.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image), op)
}

func alertColor(a bool) color.RGBA {
	if a {
		return colTrue
	}
	return colFalse
}

func withAlpha(c color.RGBA, a float64) color.RGBA {
	f := math.Max(0, math.Min(1, a))
	return color.RGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), uint8(255 * f)}
}

// drawMarks leaves a small dot where each of the day's alerts happened.
func (g *game) drawMarks(dst *ebiten.Image) {
	for _, a := range g.view.Marks() {
		x, y := g.proj.At(a.X, a.Y)
		vector.DrawFilledCircle(dst, x, y, 3, withAlpha(alertColor(a.True), 0.55), true)
	}
}

// drawCitizens draws every citizen as a 2x2 square, in as few draw calls
// as 16-bit indices allow: one call per citizen would cost more than the
// simulation step.
func (g *game) drawCitizens(dst *ebiten.Image) {
	const perCall = 65536 / 4
	pos := g.view.Positions()
	for start := 0; start < len(pos); start += perCall {
		end := min(len(pos), start+perCall)
		g.vs, g.is = g.vs[:0], g.is[:0]
		for _, p := range pos[start:end] {
			x, y := g.proj.At(p.X, p.Y)
			c := colCitizen
			if g.view.ByGroup {
				c = groupColor(p.Group)
			}
			if !p.Moving {
				c = withAlpha(c, 0.35)
			}
			g.quad(x-1, y-1, 2, 2, c)
		}
		op := &ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
		dst.DrawTriangles(g.vs, g.is, whitePixel.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image), op)
	}
}

// quad appends a filled rectangle of colour c (premultiplied) to the batch.
func (g *game) quad(x, y, w, h float32, c color.RGBA) {
	n := uint16(len(g.vs))
	r, gr, b, a := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255, float32(c.A)/255
	for _, d := range [4][2]float32{{0, 0}, {w, 0}, {0, h}, {w, h}} {
		g.vs = append(g.vs, ebiten.Vertex{DstX: x + d[0], DstY: y + d[1], SrcX: 1.5, SrcY: 1.5, ColorR: r, ColorG: gr, ColorB: b, ColorA: a})
	}
	g.is = append(g.is, n, n+1, n+2, n+1, n+3, n+2)
}

// drawFlashes draws new alerts: a solid dot with a ring that grows and
// fades.
func (g *game) drawFlashes(dst *ebiten.Image) {
	alerts, ages := g.view.Flashing()
	for i, a := range alerts {
		x, y := g.proj.At(a.X, a.Y)
		c := alertColor(a.True)
		vector.StrokeCircle(dst, x, y, float32(8+22*ages[i]), 3, withAlpha(c, 1-ages[i]), true)
		vector.DrawFilledCircle(dst, x, y, 7, c, true)
	}
}

func clock(minute float64) string {
	m := int(minute) % (24 * 60)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// drawPanel draws the counters and legend on the CPU and uploads them.
func (g *game) drawPanel() {
	c, v, f := g.pcv, g.view, g.faces
	c.fill(c.img.Rect, colPanel)
	c.fill(image.Rect(0, 0, 2, winH), color.RGBA{0xdd, 0xdd, 0xdd, 0xff})
	y := 40
	c.text(f.bold, 24, y, colAccent, "VIGIE · LIVE · SIMULATED")
	y += 32
	c.text(f.title, 24, y, colInk, g.cfg.Title)
	y += 34
	state := fmt.Sprintf("speed ×%d (%s per frame)", v.Speed, stepWords(float64(v.Speed)*g.cfg.StepSeconds))
	switch {
	case v.Over:
		state = "the day is over"
	case v.Paused:
		state = "paused"
	}
	x := c.text(f.title, 24, y, colInk, clock(v.Minute()))
	c.text(f.regular, x+14, y, colMuted, state)
	y += 40
	cols := []string{"scanned", "alerts", "false", "stops", "innocent", "found"}
	colX := []int{210, 258, 298, 346, 414, 466}
	for i, h := range cols {
		c.textRight(f.regular, colX[i], y, colMuted, h)
	}
	y += 10
	for r, name := range v.Regimes {
		y += 28
		face := f.regular
		if r == v.Regime {
			c.fill(image.Rect(14, y-20, panelW-6, y+8), colBand)
			face = f.bold
		}
		c.text(face, 24, y, colInk, fmt.Sprintf("%d  %s", r+1, trim(name, 14)))
		k := v.Counters(r)
		vals := []int{k.FacesScanned, k.Alerts, k.FalseAlerts, k.Stops, k.FalseStops, k.Located}
		for i, n := range vals {
			col := colInk
			if (i == 2 || i == 4) && n > 0 {
				col = colFalse
			}
			c.textRight(face, colX[i], y, col, compact(n))
		}
	}
	y += 44
	c.text(f.bold, 24, y, colInk, "On the map")
	g.legend(y + 26)
	c.text(f.regular, 24, winH-24, colMuted, "1-5 regime · space pause · +/- speed · G groups · H help")
	g.panel.WritePixels(c.img.Pix)
}

// legend draws the map key from y down and returns the y after it.
func (g *game) legend(y int) int {
	c, f := g.pcv, g.faces
	dot := func(col color.RGBA, label string) {
		c.fill(image.Rect(26, y-10, 36, y), col)
		c.text(f.regular, 46, y, colInk, label)
		y += 24
	}
	dot(colFalse, "false alert (flashes, then stays as a dot)")
	dot(colTrue, "true alert")
	dot(colCamera, "camera and its field of view (enlarged)")
	if g.view.ByGroup {
		for i, name := range g.view.Groups {
			dot(groupColor(i), "citizen, group "+trim(name, 30))
		}
	} else {
		dot(colCitizen, "citizen (G to colour by group)")
	}
	c.text(f.regular, 46, y, colMuted, "faint: standing still")
	return y + 24
}

func (g *game) drawHelp(dst *ebiten.Image) {
	lines := []string{"Keys", "1 to 5   show another regime (the simulation keeps running)", "space    pause or go on",
		"+  -     faster or slower", "G        colour citizens by group, or not", "H        hide this help", "Esc, Q   quit"}
	cv := newCanvas(560, 40+28*len(lines))
	cv.fill(cv.img.Rect, color.RGBA{0x22, 0x22, 0x22, 0xee})
	for i, l := range lines {
		face := g.faces.regular
		if i == 0 {
			face = g.faces.bold
		}
		cv.text(face, 24, 40+28*i, color.White, l)
	}
	img := ebiten.NewImageFromImage(cv.img)
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(mapX+(mapSize-560)/2, mapY+200)
	dst.DrawImage(img, op)
	img.Deallocate()
}

func stepWords(seconds float64) string {
	if seconds >= 60 {
		return fmt.Sprintf("%.0f min", seconds/60)
	}
	return fmt.Sprintf("%.0f s", seconds)
}

// compact writes big counts short: 52233 -> "52.2k".
func compact(n int) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("%.1fk", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}

func trim(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// save writes the last frame as a PNG.
func (g *game) save() error {
	if g.frame == nil {
		return errors.New("no frame was drawn")
	}
	img := image.NewRGBA(image.Rect(0, 0, winW, winH))
	g.frame.ReadPixels(img.Pix)
	return atomicfile.WriteFunc(g.cfg.Screenshot, func(w io.Writer) error { return png.Encode(w, img) })
}

// Run opens the window and runs until it is closed, the day ends and the
// person quits, or Frames frames have been drawn.
func Run(cfg live.Config) error {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("the live view needs a display: set DISPLAY, or run it under xvfb-run -a (Debian packages xvfb xauth)")
	}
	if cfg.Frames > 0 && cfg.Screenshot == "" {
		return errors.New("--frames needs --screenshot FILE.png to save the last frame")
	}
	if cfg.Screenshot != "" && !strings.HasSuffix(strings.ToLower(cfg.Screenshot), ".png") {
		return fmt.Errorf("screenshot %s: the file must end in .png", cfg.Screenshot)
	}
	fc, err := loadFaces()
	if err != nil {
		return fmt.Errorf("loading the Go fonts: %w", err)
	}
	v := live.NewView(cfg.Source, cfg.Regimes, cfg.Groups)
	if cfg.Speed > 0 {
		v.Speed = min(live.MaxSpeed, cfg.Speed)
	}
	if cfg.Regime >= 0 && cfg.Regime < len(cfg.Regimes) {
		v.Regime = cfg.Regime
	}
	g := &game{cfg: cfg, view: v, proj: live.NewProjection(cfg.Map), faces: fc}
	ebiten.SetWindowSize(winW, winH)
	ebiten.SetWindowTitle("Vigie live: " + cfg.Title)
	ebiten.SetRunnableOnUnfocused(true)
	if cfg.Frames > 0 {
		// One update per drawn frame, so N frames are N ticks of the view.
		ebiten.SetVsyncEnabled(false)
		ebiten.SetTPS(ebiten.SyncWithFPS)
	}
	if err := ebiten.RunGame(g); err != nil {
		return err
	}
	return g.err
}
