package storage

import (
	"context"

	"github.com/waymark-care/waymark/internal/domain"
)

// TrainingRecords reads every worker's training records (AC-04): a few for
// each member of staff, read whole for the checks on who leads a section
// 47 enquiry and for the measures.
func (db *DB) TrainingRecords(ctx context.Context) ([]domain.TrainingRecord, error) {
	return readAll[domain.TrainingRecord](ctx, db)
}
