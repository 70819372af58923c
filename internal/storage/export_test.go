package storage

// SetCaseBatch changes how many children Caseload reads at a time, so tests
// can cover several batches with a few children; it returns the undo.
func SetCaseBatch(n int) (undo func()) {
	old := caseBatch
	caseBatch = n
	return func() { caseBatch = old }
}
