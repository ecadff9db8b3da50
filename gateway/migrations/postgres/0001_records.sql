-- The record gateway's store (PostgreSQL). The same tables as migrations/sqlite, in
-- PostgreSQL's types; the gateway's queries are the same on both.

-- Records, sealed: each under a key of its own, wrapped by the gateway's master key.
CREATE TABLE resources (
	id TEXT PRIMARY KEY,
	resource_type TEXT NOT NULL,
	patient TEXT NOT NULL,
	data_class BIGINT NOT NULL,
	record_id BIGINT UNIQUE,
	locator_hash BYTEA NOT NULL,
	wrapped_key BYTEA NOT NULL,
	key_nonce BYTEA NOT NULL,
	nonce BYTEA NOT NULL,
	ciphertext BYTEA NOT NULL,
	size BIGINT NOT NULL,
	created_at BIGINT NOT NULL
);

-- Patients' tag secrets, as sealed to this provider's key (never in clear).
CREATE TABLE tag_secrets (
	patient TEXT PRIMARY KEY,
	envelope BYTEA NOT NULL,
	shared_at BIGINT NOT NULL
);

-- The finalised Accessed events of this gateway's records, and whether each was redeemed.
CREATE TABLE accesses (
	block_hash BYTEA NOT NULL,
	event_index BIGINT NOT NULL,
	block_number BIGINT NOT NULL,
	grant_id BIGINT NOT NULL,
	record_id BIGINT NOT NULL,
	accessor TEXT NOT NULL,
	patient TEXT NOT NULL,
	purpose TEXT NOT NULL,
	redeemed_at BIGINT,
	PRIMARY KEY (block_hash, event_index)
);

-- Nonces of signed requests within the freshness window: a request is served once.
CREATE TABLE nonces (
	account TEXT NOT NULL,
	nonce TEXT NOT NULL,
	seen_at BIGINT NOT NULL,
	PRIMARY KEY (account, nonce)
);
CREATE INDEX nonces_seen_at ON nonces (seen_at);

-- How far the follower has read the finalised chain.
CREATE TABLE follower (
	id BIGINT PRIMARY KEY CHECK (id = 1),
	block_number BIGINT NOT NULL
);

-- Every upload, release, refusal and share, with its reason. Append-only: the rules
-- refuse any change or removal.
CREATE TABLE audit (
	seq BIGSERIAL PRIMARY KEY,
	at BIGINT NOT NULL,
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	resource TEXT NOT NULL,
	access TEXT NOT NULL,
	outcome TEXT NOT NULL,
	reason TEXT NOT NULL
);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
