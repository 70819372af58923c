-- An authority's local standards (timescales.md §3, requirements XC-05): the
-- JSON document timescales.LoadPolicy reads, each setting a list of versions
-- with the date each took effect. One row: a database holds one authority.
-- Version guards against two administrators overwriting each other; every
-- change is also in the audit trail.
CREATE TABLE local_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    document TEXT NOT NULL,
    updated_at {{timestamp}} NOT NULL,
    updated_by TEXT NOT NULL
);

-- Days the authority adds to the bundled bank holiday list (a newly
-- proclaimed holiday) or withdraws from it (a generated day moved by
-- proclamation), so that a new day needs no new release.
CREATE TABLE extra_holidays (
    id {{id}},
    holiday_date {{date}} NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    updated_at {{timestamp}} NOT NULL,
    updated_by TEXT NOT NULL
);
