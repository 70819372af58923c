// Package timescales is the statutory timescales engine: the rules of
// timescales.md §2 as data, an authority's local standards (§3), and
// Evaluate, which turns one child's dated facts into the deadlines they
// start, each due, overdue, met on time, met late or missed, with a
// plain-English explanation:
//
//	Initial child protection conference due Wed 7 Oct 2015 — 15 working days
//	after the strategy discussion on Wed 16 Sep 2015
//
// It is pure: it reads no database and serves no HTTP. An adapter translates
// stored records into a Case; the measure helpers (DueIn, ICPCTimeliness,
// AssessmentDurations) turn items into the compliance figures of §5.
//
// # How a rule runs
//
// Each Rule belongs to a Chain. A chain starts at every event of its start
// kind (each referral, each placement) and times a run of deadlines: the
// first from the start (or its anchor: the assessment from the referral,
// the ICPC from the last strategy discussion), each later one from the event
// that met the one before (§1.4.3). The first rule row that applies to a
// deadline times it, so the rows of a chain read like the regulation: LA-4 the
// first review in 20 WD, LA-5 the second in 3 months, LA-6 every later one
// in 6. A chain stops when a deadline is not yet met, when an ending event
// happens (the plan ends, the child leaves care) or when the next start event
// comes (a new placement restarts the visits, §1.4.4). Versions are chosen by
// the date each clock starts (§4).
//
// # Event vocabulary
//
// Front door and assessment: contact, referral, referral_decision,
// assessment_start, assessment_authorised (for referrals before 15 Apr 2013,
// the initial assessment), core_assessment_start, core_assessment_authorised.
//
// Child protection: harm_concern (reasonable cause to suspect significant
// harm; Type "immediate" for immediate risk), strategy_discussion, s47_start,
// s47_outcome (Type "no_icpc" when no conference is needed), icpc,
// cp_plan_start (the ICPC date), cp_plan_end, core_group, review_conference,
// cp_visit.
//
// Children in need: cin_plan_start, cin_plan_end, cin_review, cin_visit.
//
// Looked after: became_looked_after, ceased_looked_after, placement_start
// (Type: with_parent_reg19, connected_person_temporary, with_parent_ico,
// with_parent_care_order, long_term, long_term_fewer_visits, short_break, or
// empty for any other placement), placement_end, placement_plan,
// placement_notification, care_plan, cla_review, cla_visit,
// connected_carer_approved, temporary_approval_extended.
//
// Health and education: health_assessment, dental_check, sdq, pep.
//
// Missing: missing_return, return_interview (held, or a recorded refusal).
// Give At for both: the interview is due 72 hours after the return.
//
// Care leavers: became_eligible, needs_assessment, pathway_plan,
// pathway_plan_review, accommodation_provided, pa_allocated, pa_visit,
// pa_contact, leaving_care_end.
//
// Adoption: adm_decision, placement_order (or other authority to place),
// register_referral, adoption_match, placed_for_adoption, adoption_visit,
// adoption_review, adoption_order. Adopters (a Case of their own):
// adopter_registration, stage1_decision, notice_to_proceed, adopter_decision
// (Type "approved" when approved), adopter_register_referral, adopter_matched.
//
// Court and emergency powers: pre_proceedings_start, pre_proceedings_end,
// proceedings_issued, proceedings_extended, final_order, epo_made,
// epo_extended, epo_ended, cao_start, cao_end, police_protection,
// police_protection_end.
//
// Private fostering: pf_arrangement_start, pf_arrangement_end,
// pf_notification, pf_visit. Allegations (a Case per allegation):
// allegation_known, lado_referral, lado_decision, lado_outcome.
//
// Visits (cp_visit, cin_visit, cla_visit, pa_visit, adoption_visit, pf_visit)
// count only when Seen is set. Events on the same day keep their order,
// except that endings sort first, so a placement that ends the day the next
// one starts does not stop the new one's clock.
package timescales
