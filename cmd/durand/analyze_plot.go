package main

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// figure is one or more plots laid out in a grid and written together
// into one file, with a title over the grid when there are several.
type figure struct {
	title string
	w, h  vg.Length
	plots [][]*plot.Plot // rows of columns; a nil plot leaves its cell empty
}

// plotDPI is the resolution of PNG plots: 96, the library's default,
// makes text too coarse to read on a screen of today.
const plotDPI = 150

// singleFigure is a figure of one plot.
func singleFigure(p *plot.Plot) *figure {
	return &figure{w: 8 * vg.Inch, h: 5 * vg.Inch, plots: [][]*plot.Plot{{p}}}
}

// gridFigure is a figure of rows of plots, each cell about cell wide
// and high.
func gridFigure(title string, plots [][]*plot.Plot, cellW, cellH vg.Length) *figure {
	f := &figure{title: title, plots: plots, w: cellW * vg.Length(len(plots[0])), h: cellH * vg.Length(len(plots))}
	f.h += f.titleHeight()
	return f
}

// titleHeight is the height the figure's title takes, a line or more.
func (f *figure) titleHeight() vg.Length {
	if f.title == "" {
		return 0
	}
	return vg.Length(strings.Count(f.title, "\n")+1)*vg.Points(18) + vg.Points(8)
}

// save draws the figure into path, SVG or PNG by its extension; the file
// is written whole or not at all.
func (f *figure) save(path string) error {
	var c vg.CanvasWriterTo
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		c = vgsvg.New(f.w, f.h)
	case ".png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(f.w, f.h), vgimg.UseDPI(plotDPI), vgimg.UseBackgroundColor(color.White))}
	default:
		return errors.New("want a .svg or .png file")
	}
	dc := draw.New(c)
	if f.title != "" {
		sty := plot.New().Title.TextStyle
		sty.Font.Size = vg.Points(14)
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		dc.FillText(sty, vg.Point{X: f.w / 2, Y: f.h - vg.Points(6)}, f.title)
		dc = draw.Crop(dc, 0, 0, 0, -f.titleHeight())
	}
	rows, cols := len(f.plots), len(f.plots[0])
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 4}
	cells := plot.Align(f.plots, tiles, dc)
	for r := range rows {
		for k := range cols {
			if f.plots[r][k] != nil {
				f.plots[r][k].Draw(cells[r][k])
			}
		}
	}
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return err
	}
	tmp := path + ".tmp"
	err := os.WriteFile(tmp, b.Bytes(), 0o644)
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// newPlot is a plot with its title and axis labels, a grid behind and
// the legend at the top left.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text, p.X.Label.Text, p.Y.Label.Text = title, x, y
	p.Add(plotter.NewGrid())
	p.Legend.Top, p.Legend.Left = true, true
	return p
}

// Colors of the plots: the observed in a strong blue, the null or
// placebo band in grey, so that what the data say stands out from what
// chance gives.
var (
	plotObserved = color.NRGBA{R: 31, G: 90, B: 170, A: 255}
	plotNull     = color.NRGBA{R: 110, G: 110, B: 110, A: 255}
	plotBand     = color.NRGBA{R: 200, G: 200, B: 200, A: 160}
	plotEffect   = color.NRGBA{R: 180, G: 200, B: 235, A: 170}
	plotBars     = color.NRGBA{R: 31, G: 90, B: 170, A: 190}
)

// plotColors are Okabe and Ito's eight colours, told apart by readers
// with any common colour blindness, black last.
var plotColors = []color.Color{
	color.NRGBA{R: 230, G: 159, A: 255}, color.NRGBA{R: 86, G: 180, B: 233, A: 255},
	color.NRGBA{G: 158, B: 115, A: 255}, color.NRGBA{R: 213, G: 94, A: 255},
	color.NRGBA{G: 114, B: 178, A: 255}, color.NRGBA{R: 204, G: 121, B: 167, A: 255},
	color.NRGBA{R: 240, G: 228, B: 66, A: 255}, color.NRGBA{A: 255},
}

// plotColor is the i-th of the distinct line colours, repeating past
// the eighth.
func plotColor(i int) color.Color { return plotColors[i%len(plotColors)] }

// xys pairs xs with ys, leaving out the points where y is not finite.
func xys(xs, ys []float64) plotter.XYs {
	var out plotter.XYs
	for i, x := range xs {
		if y := ys[i]; !math.IsNaN(y) && !math.IsInf(y, 0) {
			out = append(out, plotter.XY{X: x, Y: y})
		}
	}
	return out
}

// addLine adds the line through xs and ys, labelled in the legend unless
// label is empty; dashed for a reference such as a null mean.
func addLine(p *plot.Plot, label string, xs, ys []float64, c color.Color, dashed bool) error {
	pts := xys(xs, ys)
	if len(pts) == 0 {
		return nil
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return err
	}
	l.Color, l.Width = c, vg.Points(1.5)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	p.Add(l)
	if label != "" {
		p.Legend.Add(label, l)
	}
	return nil
}

// addBand adds the region between low and high over xs, labelled in
// the legend unless label is empty. Points where a bound is not finite
// are left out.
func addBand(p *plot.Plot, label string, xs, low, high []float64, c color.Color) error {
	var lo, hi plotter.XYs
	for i, x := range xs {
		if finite(low[i]) && finite(high[i]) {
			lo = append(lo, plotter.XY{X: x, Y: low[i]})
			hi = append(hi, plotter.XY{X: x, Y: high[i]})
		}
	}
	if len(lo) < 2 {
		return nil
	}
	ring := append(plotter.XYs{}, lo...)
	for i := len(hi) - 1; i >= 0; i-- {
		ring = append(ring, hi[i])
	}
	poly, err := plotter.NewPolygon(ring)
	if err != nil {
		return err
	}
	poly.Color = c
	poly.LineStyle.Width = 0
	p.Add(poly)
	if label != "" {
		p.Legend.Add(label, poly)
	}
	return nil
}

// addZero adds a thin horizontal line at y = 0 across xs.
func addZero(p *plot.Plot, xs []float64) error {
	if len(xs) == 0 {
		return nil
	}
	l, err := plotter.NewLine(plotter.XYs{{X: xs[0], Y: 0}, {X: xs[len(xs)-1], Y: 0}})
	if err != nil {
		return err
	}
	l.Color, l.Width = color.Black, vg.Points(0.5)
	p.Add(l)
	return nil
}

// addVertical adds a thin dashed vertical line at x from ymin to ymax,
// such as the day of a shock.
func addVertical(p *plot.Plot, label string, x, ymin, ymax float64) error {
	l, err := plotter.NewLine(plotter.XYs{{X: x, Y: ymin}, {X: x, Y: ymax}})
	if err != nil {
		return err
	}
	l.Color, l.Width, l.Dashes = color.Black, vg.Points(0.8), []vg.Length{vg.Points(2), vg.Points(2)}
	p.Add(l)
	if label != "" {
		p.Legend.Add(label, l)
	}
	return nil
}

// addBars adds bars of width 1 centred on xs with heights ys.
func addBars(p *plot.Plot, label string, xs, ys []float64, c color.Color) {
	h := &plotter.Histogram{FillColor: c, Width: 1}
	h.LineStyle.Width, h.LineStyle.Color = vg.Points(0.5), color.White
	for i, x := range xs {
		if finite(ys[i]) {
			h.Bins = append(h.Bins, plotter.HistogramBin{Min: x - 0.45, Max: x + 0.45, Weight: ys[i]})
		}
	}
	p.Add(h)
	if label != "" {
		p.Legend.Add(label, h)
	}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// heatMap draws a square matrix of effects, m[i][j] being the effect of
// names[j] on names[i], as a heat map on a diverging scale centred on 0
// (blue below, red above) with each cell's value written in it: the
// Hawkes excitation matrix, whose softplus variant may have negative
// cross-effects.
func heatMap(title, unit string, names []string, m [][]float64) (*figure, error) {
	n := len(names)
	if n == 0 || len(m) != n {
		return nil, fmt.Errorf("heat map: %d rows for %d names", len(m), n)
	}
	top := 0.0
	for i := range m {
		if len(m[i]) != n {
			return nil, fmt.Errorf("heat map: row %d has %d cells for %d names", i, len(m[i]), n)
		}
		for _, v := range m[i] {
			if finite(v) {
				top = max(top, math.Abs(v))
			}
		}
	}
	if top == 0 {
		top = 1
	}
	cm := moreland.SmoothBlueRed()
	cm.SetMin(-top)
	cm.SetMax(top)
	hm := plotter.NewHeatMap(heatGrid(m), cm.Palette(255))
	hm.Min, hm.Max = -top, top
	hm.NaN = color.NRGBA{R: 230, G: 230, B: 230, A: 255}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text, p.Y.Label.Text = "cause (the events that excite)", "effect (the events excited), "+unit
	p.Add(hm)
	var labels plotter.XYLabels
	for i := range n {
		for j := range n {
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(j), Y: float64(n - 1 - i)})
			labels.Labels = append(labels.Labels, fmtNum(m[i][j]))
		}
	}
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
	}
	p.Add(l)
	rev := make([]string, n)
	for i, s := range names {
		rev[n-1-i] = s
	}
	p.NominalX(names...)
	p.NominalY(rev...)
	return &figure{w: 7 * vg.Inch, h: 6 * vg.Inch, plots: [][]*plot.Plot{{p}}}, nil
}

// heatGrid is a matrix as a plotter.GridXYZ, row 0 at the top.
type heatGrid [][]float64

func (g heatGrid) Dims() (c, r int)   { return len(g), len(g) }
func (g heatGrid) Z(c, r int) float64 { return g[len(g)-1-r][c] }
func (g heatGrid) X(c int) float64    { return float64(c) }
func (g heatGrid) Y(r int) float64    { return float64(r) }

// calendarTicks marks a time axis (Unix seconds) at calendar dates a
// reader recognises: every few days for a short span, else the first of
// every month, quarter, half-year, year or few years, about 4 to 10
// labels in all. plot.TimeTicks places ticks at round numbers of
// seconds, which fall on no date in particular and, over years, leave
// two labels.
type calendarTicks struct{}

func (calendarTicks) Ticks(lo, hi float64) []plot.Tick {
	from, to := time.Unix(int64(lo), 0).UTC(), time.Unix(int64(hi), 0).UTC()
	days := to.Sub(from).Hours() / 24
	for _, step := range []int{1, 2, 7, 14} {
		if days/float64(step) <= 10 {
			return calendarMarks(from, to, func(t time.Time) time.Time { return t.AddDate(0, 0, step) },
				time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC), "2006-01-02")
		}
	}
	months := days / 30.44
	for _, step := range []int{1, 2, 3, 6, 12, 24, 60, 120} {
		if months/float64(step) <= 10 {
			format := "2006-01"
			if step >= 12 {
				format = "2006"
			}
			first := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
			if step >= 12 {
				first = time.Date(from.Year()-from.Year()%(step/12), 1, 1, 0, 0, 0, 0, time.UTC)
			} else {
				first = first.AddDate(0, -int(first.Month()-1)%step, 0)
			}
			return calendarMarks(from, to, func(t time.Time) time.Time { return t.AddDate(0, step, 0) }, first, format)
		}
	}
	return nil
}

// calendarMarks labels the dates from first on, by next, inside
// [from, to].
func calendarMarks(from, to time.Time, next func(time.Time) time.Time, first time.Time, format string) []plot.Tick {
	var out []plot.Tick
	for t := first; !t.After(to); t = next(t) {
		if !t.Before(from) {
			out = append(out, plot.Tick{Value: float64(t.Unix()), Label: t.Format(format)})
		}
	}
	return out
}
