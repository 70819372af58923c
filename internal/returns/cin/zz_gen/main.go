// Temporary: generates a synthetic authority for local measurement. Not committed.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/synth"
)

func main() {
	ctx := context.Background()
	p, _ := synth.PresetNamed(os.Args[1])
	db, err := storage.Open(ctx, os.Args[2])
	if err != nil { panic(err) }
	if _, err := db.Migrate(ctx); err != nil { panic(err) }
	seed, _ := strconv.Atoi(os.Args[5])
	scale, _ := strconv.ParseFloat(os.Args[6], 64)
	t := time.Now()
	res, err := synth.Generate(ctx, db, synth.Config{Preset: p, Scale: scale, Seed: uint64(seed), From: civil.MustParse(os.Args[3]), To: civil.MustParse(os.Args[4])})
	fmt.Println(res, err, time.Since(t))
}
