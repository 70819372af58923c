package cin

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkValidateFile reads and validates a census file end to end, as
// `waymark validate cin-census` does: by default the 332-child fake sample;
// set CIN_BENCH_FILE to measure another file. docs/returns.md compares the
// figure with the open-source Python validator on the same file.
func BenchmarkValidateFile(b *testing.B) {
	path := os.Getenv("CIN_BENCH_FILE")
	if path == "" {
		path = filepath.Join(samplesDir, "fake_CIN_data.xml")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no census file: %v", err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		m, problems, err := Read(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		p, _ := PeriodOf(m)
		Validate(m, p, problems)
	}
}
