-- Accounts, sessions and API tokens; who may see which child beyond the
-- usual rules (access grants); and the access log of every look at a
-- child's record, chained by hash like the audit trail (docs/security.md).

-- A user account. Usernames are kept in lower case. password_hash is an
-- argon2id hash in PHC form ('' for single sign-on only); roles are
-- space-separated access.Role values. professional_id links the account to
-- the workforce record that involvements name.
CREATE TABLE users (
    id {{id}},
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    roles TEXT NOT NULL DEFAULT '',
    professional_id BIGINT REFERENCES professionals (id),
    team_id BIGINT REFERENCES teams (id),
    password_hash TEXT NOT NULL DEFAULT '',
    oidc_subject TEXT NOT NULL DEFAULT '',
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until {{timestamp}},
    version INTEGER NOT NULL DEFAULT 1,
    created_at {{timestamp}} NOT NULL,
    updated_at {{timestamp}} NOT NULL
);
CREATE UNIQUE INDEX users_oidc_subject ON users (oidc_subject) WHERE oidc_subject <> '';
CREATE INDEX users_professional ON users (professional_id);

-- A signed-in session. Only a hash of the cookie's token is kept, so a copy
-- of the database cannot be used to sign in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at {{timestamp}} NOT NULL,
    last_seen_at {{timestamp}} NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- An API token (Authorization: Bearer), kept as a hash.
CREATE TABLE api_tokens (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    created_at {{timestamp}} NOT NULL,
    last_used_at {{timestamp}},
    revoked_at {{timestamp}}
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- A grant opens one child's record beyond the usual rules: a user named on
-- a restricted record, a share with a partner agency's role (limited to the
-- kinds listed, space-separated; '' is the whole record), or a glass broken
-- with a reason, which expires.
CREATE TABLE access_grants (
    id {{id}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    user_id BIGINT REFERENCES users (id),
    role TEXT NOT NULL DEFAULT '',
    kinds TEXT NOT NULL DEFAULT '',
    break_glass BOOLEAN NOT NULL DEFAULT FALSE,
    reason TEXT NOT NULL DEFAULT '',
    granted_by TEXT NOT NULL,
    granted_at {{timestamp}} NOT NULL,
    expires_at {{timestamp}},
    revoked_at {{timestamp}}
);
CREATE INDEX access_grants_person ON access_grants (person_id);

-- The access log: every view, search result, export and print of a child's
-- record. access_head holds the newest entry, as audit_head does.
CREATE TABLE access_log (
    seq BIGINT PRIMARY KEY,
    at {{timestamp}} NOT NULL,
    user_id BIGINT NOT NULL,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    person_id BIGINT NOT NULL,
    what TEXT NOT NULL DEFAULT '',
    how TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX access_log_person ON access_log (person_id, seq);
CREATE INDEX access_log_user ON access_log (user_id, seq);

CREATE TABLE access_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO access_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- A broken glass is reported to each manager of the child's record: the
-- managers of the teams involved and above them, and any team manager
-- involved. seen_at is when the manager acknowledged it.
CREATE TABLE break_glass_reports (
    access_seq BIGINT NOT NULL REFERENCES access_log (seq),
    manager_id BIGINT NOT NULL REFERENCES professionals (id),
    person_id BIGINT NOT NULL,
    seen_at {{timestamp}},
    PRIMARY KEY (access_seq, manager_id)
);
CREATE INDEX break_glass_reports_manager ON break_glass_reports (manager_id, seen_at);
