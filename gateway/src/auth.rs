//! Requests signed with a chain key.
//!
//! Every request that uploads, releases or shares something carries an `Authorization`
//! header of the `MedChain` scheme:
//!
//! ```text
//! Authorization: MedChain account="5FHneW46…", time="1733000000000", nonce="8c1f…",
//!                access="0x<block hash>:<event index>", patient="5Dc6…", signature="0x…"
//! ```
//!
//! `signature` is the account's sr25519 signature (the chain's own `substrate` context)
//! over [`canonical`]: the method, the path with its query, the time (ms since the Unix
//! epoch), the nonce, the access and patient named (or `-`), and the blake2-256 of the body,
//! one per line after a domain line. So a signature is good for exactly one request: another
//! path, body or access breaks it, a stale time is refused ([`FRESHNESS_MS`]), and a nonce
//! seen before from the same account is refused by the store (so a replayed request is
//! refused even within the freshness window). A signature made by a browser extension's
//! `signRaw` (the message wrapped in `<Bytes>…</Bytes>`) is accepted too.

use crate::error::GatewayError;
use medchain_runtime::AccountId;
use sp_core::{crypto::Ss58Codec, sr25519, Pair as _, H256};

/// The authorisation scheme's name.
pub const SCHEME: &str = "MedChain";
/// The first line of every signed message: what it is for, and the version of the format.
pub const DOMAIN: &str = "medchain-gateway:v1";
/// How far a request's time may be from the gateway's clock, either way.
pub const FRESHNESS_MS: u64 = 60_000;
/// The longest nonce accepted (it is stored until it is stale).
pub const MAX_NONCE_LEN: usize = 64;

/// An on-chain access, as a grantee names it: the finalised block holding its `Accessed`
/// event, and the event's index among that block's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AccessRef {
	/// The block's hash.
	pub block: H256,
	/// The event's index in the block.
	pub event: u32,
}

impl AccessRef {
	/// Parse `0x<64 hex>:<index>`.
	pub fn parse(text: &str) -> Option<Self> {
		let (block, event) = text.split_once(':')?;
		let bytes = hex::decode(block.strip_prefix("0x")?).ok()?;
		let block: [u8; 32] = bytes.try_into().ok()?;
		Some(AccessRef { block: H256(block), event: event.parse().ok()? })
	}
}

impl std::fmt::Display for AccessRef {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		write!(f, "0x{}:{}", hex::encode(self.block.0), self.event)
	}
}

/// The `Authorization` header's fields, parsed but not yet verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
	/// Who claims to sign.
	pub account: AccountId,
	/// When (ms since the Unix epoch).
	pub time: u64,
	/// A value never used before by this account within the freshness window.
	pub nonce: String,
	/// The on-chain access the request is made under, if any.
	pub access: Option<AccessRef>,
	/// The patient the request is about, if any (an upload, a consent).
	pub patient: Option<AccountId>,
	signature: [u8; 64],
}

/// The account of an SS58 address.
pub fn account_of(text: &str) -> Option<AccountId> {
	sp_core::crypto::AccountId32::from_ss58check(text).ok()
}

/// An account's SS58 address (the chain's generic prefix, 42).
pub fn ss58(account: &AccountId) -> String {
	account.to_ss58check()
}

/// The message signed for a request.
pub fn canonical(
	method: &str,
	path_and_query: &str,
	time: u64,
	nonce: &str,
	access: Option<&AccessRef>,
	patient: Option<&AccountId>,
	body: &[u8],
) -> Vec<u8> {
	let access = access.map_or_else(|| "-".to_string(), AccessRef::to_string);
	let patient = patient.map_or_else(|| "-".to_string(), ss58);
	let body = hex::encode(sp_crypto_hashing::blake2_256(body));
	format!(
		"{DOMAIN}\n{}\n{path_and_query}\n{time}\n{nonce}\n{access}\n{patient}\n{body}",
		method.to_ascii_uppercase()
	)
	.into_bytes()
}

fn unauthenticated(message: impl Into<String>) -> GatewayError {
	GatewayError::Unauthenticated(message.into())
}

impl Claimed {
	/// Parse an `Authorization` header of the `MedChain` scheme.
	pub fn parse(header: &str) -> Result<Self, GatewayError> {
		let rest = header.strip_prefix(SCHEME).filter(|r| r.starts_with(' ')).ok_or_else(|| {
			unauthenticated(format!(
				"sign the request: Authorization: {SCHEME} account=…, time=…, nonce=…, signature=…"
			))
		})?;
		let mut account = None;
		let mut time = None;
		let mut nonce = None;
		let mut access = None;
		let mut patient = None;
		let mut signature = None;
		for field in rest.split(',') {
			let (name, value) = field
				.trim()
				.split_once('=')
				.ok_or_else(|| unauthenticated(format!("malformed field {field:?}")))?;
			let value = value.trim().trim_matches('"');
			let bad = |what: &str| unauthenticated(format!("{name}: {what}"));
			match name.trim() {
				"account" => {
					account = Some(account_of(value).ok_or_else(|| bad("not an SS58 address"))?)
				}
				"time" => {
					time = Some(
						value.parse::<u64>().map_err(|_| bad("not a number of milliseconds"))?,
					)
				}
				"nonce" => {
					let ok = !value.is_empty()
						&& value.len() <= MAX_NONCE_LEN
						&& value
							.bytes()
							.all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
					if !ok {
						return Err(bad("1 to 64 letters, digits, - or _"));
					}
					nonce = Some(value.to_string());
				}
				"access" => {
					access = Some(
						AccessRef::parse(value)
							.ok_or_else(|| bad("not 0x<block hash>:<event index>"))?,
					)
				}
				"patient" => {
					patient = Some(account_of(value).ok_or_else(|| bad("not an SS58 address"))?)
				}
				"signature" => {
					let bytes = value.strip_prefix("0x").and_then(|h| hex::decode(h).ok());
					let bytes: [u8; 64] = bytes
						.and_then(|b| b.try_into().ok())
						.ok_or_else(|| bad("not a 64-byte sr25519 signature in hex"))?;
					signature = Some(bytes);
				}
				other => return Err(unauthenticated(format!("unknown field {other:?}"))),
			}
		}
		let missing = |name: &str| unauthenticated(format!("the {name} field is missing"));
		Ok(Claimed {
			account: account.ok_or_else(|| missing("account"))?,
			time: time.ok_or_else(|| missing("time"))?,
			nonce: nonce.ok_or_else(|| missing("nonce"))?,
			access,
			patient,
			signature: signature.ok_or_else(|| missing("signature"))?,
		})
	}

	/// Check the signature over this request, and that it is fresh at `now` (ms). The
	/// nonce is checked against the store by the caller ([`crate::store::Store::use_nonce`]).
	pub fn verify(
		&self,
		method: &str,
		path_and_query: &str,
		body: &[u8],
		now: u64,
	) -> Result<(), GatewayError> {
		if self.time.abs_diff(now) > FRESHNESS_MS {
			return Err(unauthenticated(format!(
				"the request was signed at {} but it is {now} here: sign it again (a signature is good for {} s)",
				self.time,
				FRESHNESS_MS / 1000
			)));
		}
		let message = canonical(
			method,
			path_and_query,
			self.time,
			&self.nonce,
			self.access.as_ref(),
			self.patient.as_ref(),
			body,
		);
		let public = sr25519::Public::from_raw(self.account.clone().into());
		let signature = sr25519::Signature::from_raw(self.signature);
		let wrapped = [b"<Bytes>".as_slice(), &message, b"</Bytes>"].concat();
		if sr25519::Pair::verify(&signature, &message, &public)
			|| sr25519::Pair::verify(&signature, &wrapped, &public)
		{
			Ok(())
		} else {
			Err(unauthenticated(format!(
				"the signature is not {}'s over this request (method, path, time, nonce, access, patient and body)",
				ss58(&self.account)
			)))
		}
	}
}

/// Sign a request as `pair`: the `Authorization` header's value. For clients and tests.
#[allow(clippy::too_many_arguments)]
pub fn authorization(
	pair: &sr25519::Pair,
	method: &str,
	path_and_query: &str,
	time: u64,
	nonce: &str,
	access: Option<&AccessRef>,
	patient: Option<&AccountId>,
	body: &[u8],
) -> String {
	let message = canonical(method, path_and_query, time, nonce, access, patient, body);
	let signature = pair.sign(&message);
	let account = AccountId::from(pair.public());
	let mut header =
		format!("{SCHEME} account=\"{}\", time=\"{time}\", nonce=\"{nonce}\"", ss58(&account));
	if let Some(access) = access {
		header.push_str(&format!(", access=\"{access}\""));
	}
	if let Some(patient) = patient {
		header.push_str(&format!(", patient=\"{}\"", ss58(patient)));
	}
	header.push_str(&format!(", signature=\"0x{}\"", hex::encode(signature.0)));
	header
}

#[cfg(test)]
mod tests {
	use super::*;

	fn bob() -> sr25519::Pair {
		sr25519::Pair::from_string("//Bob", None).expect("a dev key")
	}

	fn access() -> AccessRef {
		AccessRef { block: H256([7; 32]), event: 3 }
	}

	const NOW: u64 = 1_733_000_000_000;

	fn signed(path: &str, body: &[u8]) -> Claimed {
		let header = authorization(&bob(), "GET", path, NOW, "n1", Some(&access()), None, body);
		Claimed::parse(&header).expect("parses")
	}

	#[test]
	fn a_signed_request_verifies_for_exactly_what_was_signed() {
		let claimed = signed("/fhir/Observation/a", b"");
		assert_eq!(claimed.account, AccountId::from(bob().public()));
		assert_eq!(claimed.access, Some(access()));
		claimed.verify("GET", "/fhir/Observation/a", b"", NOW).expect("verifies");
		claimed
			.verify("get", "/fhir/Observation/a", b"", NOW + 59_000)
			.expect("method case, fresh");
		// Another path, body or method: not what was signed.
		for (method, path, body) in [
			("GET", "/fhir/Observation/b", b"".as_slice()),
			("GET", "/fhir/Observation/a", b"x".as_slice()),
			("POST", "/fhir/Observation/a", b"".as_slice()),
		] {
			let refused = claimed.verify(method, path, body, NOW).expect_err("refused");
			assert!(matches!(refused, GatewayError::Unauthenticated(_)), "{refused}");
		}
	}

	#[test]
	fn another_access_or_account_breaks_the_signature() {
		let header = authorization(
			&bob(),
			"GET",
			"/fhir/Observation/a",
			NOW,
			"n1",
			Some(&access()),
			None,
			b"",
		);
		let other_access = header.replace(":3\"", ":4\"");
		assert_ne!(other_access, header);
		let claimed = Claimed::parse(&other_access).expect("parses");
		assert!(claimed.verify("GET", "/fhir/Observation/a", b"", NOW).is_err());
		// A stranger puts their own account on Bob's signature.
		let alice = AccountId::from(sr25519::Pair::from_string("//Alice", None).unwrap().public());
		let bob_account = ss58(&AccountId::from(bob().public()));
		let stolen = header.replace(&bob_account, &ss58(&alice));
		let claimed = Claimed::parse(&stolen).expect("parses");
		assert_eq!(claimed.account, alice);
		assert!(claimed.verify("GET", "/fhir/Observation/a", b"", NOW).is_err());
	}

	#[test]
	fn a_stale_or_future_request_is_refused() {
		let claimed = signed("/x", b"");
		for now in [NOW + FRESHNESS_MS + 1, NOW - FRESHNESS_MS - 1] {
			let refused = claimed.verify("GET", "/x", b"", now).expect_err("stale");
			assert!(refused.to_string().contains("sign it again"), "{refused}");
		}
	}

	#[test]
	fn an_extension_signature_over_the_wrapped_message_is_accepted() {
		let message = canonical("GET", "/x", NOW, "n2", None, None, b"");
		let wrapped = [b"<Bytes>".as_slice(), &message, b"</Bytes>"].concat();
		let signature = bob().sign(&wrapped);
		let header = format!(
			"MedChain account=\"{}\", time=\"{NOW}\", nonce=\"n2\", signature=\"0x{}\"",
			ss58(&AccountId::from(bob().public())),
			hex::encode(signature.0)
		);
		Claimed::parse(&header).unwrap().verify("GET", "/x", b"", NOW).expect("verifies");
	}

	#[test]
	fn malformed_headers_are_named() {
		for (header, expected) in [
			("Bearer abc", "sign the request"),
			("MedChain account=\"nope\"", "account: not an SS58 address"),
			("MedChain time=\"x\"", "time: not a number"),
			("MedChain nonce=\"a b\"", "nonce: 1 to 64"),
			("MedChain access=\"0x12:1\"", "access: not 0x<block hash>"),
			("MedChain signature=\"0x00\"", "signature: not a 64-byte"),
			("MedChain colour=\"red\"", "unknown field"),
			("MedChain time=\"1\", nonce=\"a\"", "the account field is missing"),
		] {
			let error = Claimed::parse(header).expect_err(header).to_string();
			assert!(error.contains(expected), "{header}: {error}");
		}
	}

	#[test]
	fn an_access_reads_back_as_written() {
		let text = access().to_string();
		assert_eq!(text, format!("0x{}:3", "07".repeat(32)));
		assert_eq!(AccessRef::parse(&text), Some(access()));
		assert_eq!(AccessRef::parse("07:3"), None);
		assert_eq!(AccessRef::parse(&format!("0x{}:x", "07".repeat(32))), None);
	}
}
