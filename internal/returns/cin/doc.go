// Package cin is the DfE children in need census (reference returns.md §1):
// the census as Go structs that mirror its XML element tree, a reader that
// reports every element it cannot take with the element's path, a streaming
// writer, the builder that derives a child's census entry from Waymark's
// records for a collection year, the mapper that brings an existing census
// into Waymark's records, and the DfE validation rules (returns.md §5,
// shared/data/validation-rules/cin-2024-25.csv).
//
// The same rules validate a file from any system and, through the builder,
// the stored records of one child (return readiness) or of every child.
//
// This package imports neither HTTP nor SQL.
package cin
