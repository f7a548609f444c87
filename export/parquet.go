package export

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/durandhq/durand"
)

// parquetRow is one event as a flat Parquet row: the columns analysts
// filter and aggregate on, plus the evidence as JSON text. Absent values
// are nulls.
type parquetRow struct {
	ID             string   `parquet:"id"`
	Type           string   `parquet:"type"`
	Mode           *string  `parquet:"mode,optional"`
	ACLEDType      *string  `parquet:"acled_type,optional"`
	ACLEDSubtype   *string  `parquet:"acled_subtype,optional"`
	CAMEO          *string  `parquet:"cameo,optional"`
	SourceCode     *string  `parquet:"source_code,optional"`
	SourceName     *string  `parquet:"source_name,optional"`
	TargetCode     *string  `parquet:"target_code,optional"`
	TargetName     *string  `parquet:"target_name,optional"`
	DateStart      *int32   `parquet:"date_start,optional,date"`
	DateEnd        *int32   `parquet:"date_end,optional,date"`
	DatePrecision  string   `parquet:"date_precision"`
	PlaceName      *string  `parquet:"place_name,optional"`
	Admin2         *string  `parquet:"admin2,optional"`
	Admin1         *string  `parquet:"admin1,optional"`
	Country        *string  `parquet:"country,optional"`
	Lat            *float64 `parquet:"lat,optional"`
	Lon            *float64 `parquet:"lon,optional"`
	PlacePrecision *string  `parquet:"place_precision,optional"`
	FatalitiesBest *int32   `parquet:"fatalities_best,optional"`
	FatalitiesLow  *int32   `parquet:"fatalities_low,optional"`
	FatalitiesHigh *int32   `parquet:"fatalities_high,optional"`
	InjuredBest    *int32   `parquet:"injured_best,optional"`
	InjuredLow     *int32   `parquet:"injured_low,optional"`
	InjuredHigh    *int32   `parquet:"injured_high,optional"`
	AbductedBest   *int32   `parquet:"abducted_best,optional"`
	AbductedLow    *int32   `parquet:"abducted_low,optional"`
	AbductedHigh   *int32   `parquet:"abducted_high,optional"`
	Targeted       bool     `parquet:"targeted"`
	Modality       string   `parquet:"modality"`
	ClaimedBy      *string  `parquet:"claimed_by,optional"`
	Confidence     float64  `parquet:"confidence"`
	Docs           []string `parquet:"docs,list"`
	Sources        int32    `parquet:"sources"`
	Dataset        string   `parquet:"dataset"`
	Record         *string  `parquet:"record,optional"`
	Notes          *string  `parquet:"notes,optional"`
	EvidenceJSON   string   `parquet:"evidence_json"`
	SourceCodes    string   `parquet:"source_codes"`
	TargetCodes    string   `parquet:"target_codes"`
}

type parquetWriter struct {
	w *parquet.GenericWriter[parquetRow]
}

func newParquet(w io.Writer) *parquetWriter {
	return &parquetWriter{parquet.NewGenericWriter[parquetRow](w)}
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func i32(n int) *int32 {
	if n < 0 {
		return nil
	}
	v := int32(n)
	return &v
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

func days(t time.Time) *int32 {
	if t.IsZero() {
		return nil
	}
	d := int32(t.Sub(epoch).Hours() / 24)
	return &d
}

func codes(as []durand.Actor) string {
	c := make([]string, len(as))
	for i, a := range as {
		c[i] = string(a.Code)
	}
	return strings.Join(c, ";")
}

func (p *parquetWriter) Write(e durand.Event) error {
	ev, _ := json.Marshal(e.Evidence)
	r := parquetRow{ID: e.ID, Type: string(e.Type), Mode: str(e.Mode), ACLEDType: str(e.ACLEDType), ACLEDSubtype: str(e.ACLEDSubtype),
		CAMEO: str(e.CAMEO), DateStart: days(e.Date.Start), DateEnd: days(e.Date.End), DatePrecision: string(e.Date.Precision),
		FatalitiesBest: i32(e.Fatalities.Best), FatalitiesLow: i32(e.Fatalities.Low), FatalitiesHigh: i32(e.Fatalities.High),
		InjuredBest: i32(e.Injured.Best), InjuredLow: i32(e.Injured.Low), InjuredHigh: i32(e.Injured.High),
		AbductedBest: i32(e.Abducted.Best), AbductedLow: i32(e.Abducted.Low), AbductedHigh: i32(e.Abducted.High), Targeted: e.Targeted,
		Modality: string(e.Modality), Confidence: e.Confidence, Sources: int32(len(e.Docs)), Dataset: "durand",
		Notes: str(e.Notes), EvidenceJSON: string(ev), SourceCodes: codes(e.Source), TargetCodes: codes(e.Target)}
	if r.DatePrecision == "" {
		r.DatePrecision = string(durand.DateUnknown)
	}
	if len(e.Source) > 0 {
		r.SourceCode, r.SourceName = str(string(e.Source[0].Code)), str(e.Source[0].Name)
	}
	if len(e.Target) > 0 {
		r.TargetCode, r.TargetName = str(string(e.Target[0].Code)), str(e.Target[0].Name)
	}
	if pl := e.Place; pl != nil {
		lat, lon := pl.Lat, pl.Lon
		r.PlaceName, r.Admin2, r.Admin1, r.Country = str(pl.Name), str(pl.Admin2), str(pl.Admin1), str(pl.Country)
		r.Lat, r.Lon, r.PlacePrecision = &lat, &lon, str(string(pl.Prec))
	}
	if e.ClaimedBy != nil {
		r.ClaimedBy = str(string(e.ClaimedBy.Code))
	}
	for _, d := range e.Docs {
		r.Docs = append(r.Docs, string(d))
	}
	if o := e.Origin; o != nil {
		r.Dataset, r.Record = o.Dataset, str(o.Record)
	}
	_, err := p.w.Write([]parquetRow{r})
	return err
}

func (p *parquetWriter) Close() error { return p.w.Close() }
