-- The record gateway's store (SQLite). The same tables as migrations/postgres, in SQLite's
-- types; the gateway's queries are the same on both.

-- Records, sealed: each under a key of its own, wrapped by the gateway's master key.
CREATE TABLE resources (
	id TEXT PRIMARY KEY,                 -- the FHIR id the gateway gave it
	resource_type TEXT NOT NULL,
	patient TEXT NOT NULL,               -- SS58 of the patient's account with this provider
	data_class INTEGER NOT NULL,         -- DataClass, as its SCALE index
	record_id INTEGER UNIQUE,            -- the access-grants record, once registered
	locator_hash BLOB NOT NULL,          -- blake2-256 of the locator, as on chain
	wrapped_key BLOB NOT NULL,
	key_nonce BLOB NOT NULL,
	nonce BLOB NOT NULL,
	ciphertext BLOB NOT NULL,
	size INTEGER NOT NULL,
	created_at INTEGER NOT NULL          -- ms since the Unix epoch
);

-- Patients' tag secrets, as sealed to this provider's key (never in clear).
CREATE TABLE tag_secrets (
	patient TEXT PRIMARY KEY,
	envelope BLOB NOT NULL,
	shared_at INTEGER NOT NULL
);

-- The finalised Accessed events of this gateway's records, and whether each was redeemed.
CREATE TABLE accesses (
	block_hash BLOB NOT NULL,
	event_index INTEGER NOT NULL,
	block_number INTEGER NOT NULL,
	grant_id INTEGER NOT NULL,
	record_id INTEGER NOT NULL,
	accessor TEXT NOT NULL,
	patient TEXT NOT NULL,
	purpose TEXT NOT NULL,
	redeemed_at INTEGER,
	PRIMARY KEY (block_hash, event_index)
);

-- Nonces of signed requests within the freshness window: a request is served once.
CREATE TABLE nonces (
	account TEXT NOT NULL,
	nonce TEXT NOT NULL,
	seen_at INTEGER NOT NULL,
	PRIMARY KEY (account, nonce)
);
CREATE INDEX nonces_seen_at ON nonces (seen_at);

-- How far the follower has read the finalised chain.
CREATE TABLE follower (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	block_number INTEGER NOT NULL
);

-- Every upload, release, refusal and share, with its reason. Append-only: the triggers
-- refuse any change or removal.
CREATE TABLE audit (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	at INTEGER NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	resource TEXT NOT NULL,
	access TEXT NOT NULL,
	outcome TEXT NOT NULL,
	reason TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
