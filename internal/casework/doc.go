// Package casework holds the workflow rules of the front door, assessment,
// child protection and children in need (requirements FD-01 to FD-13 and
// AC-01 to AC-21): what must be recorded before a step counts as done, the
// dates a step falls due, and the drift and delay lists managers work from.
//
// The rules are checks applied when a practitioner completes, closes or
// authorises something. Storage accepts incomplete records, because imported
// and historical records have gaps that these lists exist to find; the
// application runs CheckChange before it writes a change a user makes.
//
// Each check returns []domain.FieldError naming the field the forms and the
// API use, with a message that says what to do. Nothing here reads a
// database or serves HTTP: the rules take a child's record
// (domain.ChildRecord) and return answers.
//
// Derived facts are never stored: a referral's re-referral flag, a
// contact's timeliness and the initial conference's target date are worked
// out from the records each time they are needed.
package casework
