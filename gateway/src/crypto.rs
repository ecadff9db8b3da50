//! The gateway's cryptography, all from well-kept crates: ChaCha20-Poly1305 (RFC 8439,
//! `chacha20poly1305`), HKDF-SHA-256 (`hkdf`, `sha2`) and sr25519 key agreement
//! (`schnorrkel`, the chain's own signature scheme).
//!
//! - **Records at rest.** Each record is sealed under a key of its own, drawn at random; that
//!   key is stored wrapped (sealed) under the gateway's master key. Both seals bind the
//!   record's id as associated data, so a sealed record moved to another row does not open.
//!   Losing the store without the master key file gives nothing away; a record's key can be
//!   destroyed alone (crypto-shredding) without touching the others.
//! - **A patient's tag secret**, shared with this provider ([`open_tag_secret`]): sealed by
//!   the patient to the provider's chain key (ECIES: an ephemeral sr25519 key, the agreement
//!   of its secret with the provider's public key, HKDF-SHA-256, ChaCha20-Poly1305 with the
//!   patient's account as associated data). The gateway stores the envelope, never the
//!   secret, and opens it in memory when it must tag a record for that patient.
//!
//! Nothing here writes to a log.

use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	ChaCha20Poly1305, Key, Nonce,
};
use hkdf::Hkdf;
use medchain_primitives::consent::TagSecret;
use medchain_runtime::AccountId;
use rand::RngCore;
use sha2::Sha256;
use sp_core::sr25519;
use std::path::Path;

/// HKDF's info for a tag secret's envelope: what the derived key is for.
pub const TAG_SECRET_INFO: &[u8] = b"medchain:tag-secret-share:v1";
/// A tag secret's envelope: ephemeral public key (32) ‖ nonce (12) ‖ sealed secret (32 + 16).
pub const ENVELOPE_LEN: usize = 32 + 12 + 32 + 16;

/// What failed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CryptoError {
	/// The master key file is missing, unreadable or not 32 bytes.
	#[error("master key {path}: {reason}")]
	MasterKey {
		/// The file.
		path: String,
		/// Why.
		reason: String,
	},
	/// A sealed record does not open with its key: altered, moved or another master key.
	#[error(
		"the sealed record does not open (altered, moved to another id, or another master key)"
	)]
	Sealed,
	/// An envelope is not 92 bytes, its ephemeral key is not a point, or it does not open
	/// with this provider's key for this patient.
	#[error("{0}")]
	Envelope(&'static str),
}

/// The gateway's master key: it wraps every record's key.
pub struct MasterKey(Key);

// Never printed: a debug view shows that there is a key, not the key.
impl std::fmt::Debug for MasterKey {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str("MasterKey(…)")
	}
}

impl MasterKey {
	/// The key in `path`; with `create`, a fresh random key is written there first (mode 0600)
	/// if there is none.
	pub fn load(path: &Path, create: bool) -> Result<Self, CryptoError> {
		let fail =
			|reason: String| CryptoError::MasterKey { path: path.display().to_string(), reason };
		if create && !path.exists() {
			let mut key = [0u8; 32];
			rand::thread_rng().fill_bytes(&mut key);
			write_secret(path, &key).map_err(|e| fail(e.to_string()))?;
		}
		let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
		let key: [u8; 32] = bytes
			.try_into()
			.map_err(|_| fail("not 32 bytes: make one with `head -c 32 /dev/urandom`".into()))?;
		Ok(MasterKey(key.into()))
	}

	/// A master key of these bytes (tests).
	pub fn from_bytes(key: [u8; 32]) -> Self {
		MasterKey(key.into())
	}
}

/// Write a secret file readable by its owner only.
fn write_secret(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
	use std::{io::Write, os::unix::fs::OpenOptionsExt};
	if let Some(dir) = path.parent() {
		std::fs::create_dir_all(dir)?;
	}
	let mut file =
		std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
	file.write_all(bytes)?;
	file.sync_all()
}

/// A record sealed for storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
	/// The record's key, sealed under the master key (32 + 16 bytes).
	pub wrapped_key: Vec<u8>,
	/// The nonce of that seal.
	pub key_nonce: [u8; 12],
	/// The nonce of the record's seal.
	pub nonce: [u8; 12],
	/// The record, sealed under its key.
	pub ciphertext: Vec<u8>,
}

fn random<const N: usize>() -> [u8; N] {
	let mut bytes = [0u8; N];
	rand::thread_rng().fill_bytes(&mut bytes);
	bytes
}

/// Seal `plaintext`, the record `id`, under a fresh key wrapped by `master`.
pub fn seal(master: &MasterKey, id: &str, plaintext: &[u8]) -> Sealed {
	let key = ChaCha20Poly1305::generate_key(&mut rand::thread_rng());
	let (key_nonce, nonce) = (random::<12>(), random::<12>());
	let aad = id.as_bytes();
	// Sealing with a fresh 32-byte key and a 12-byte nonce cannot fail for inputs under
	// 256 GiB; the record is at most the configured limit.
	let ciphertext = ChaCha20Poly1305::new(&key)
		.encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad })
		.unwrap_or_default();
	let wrapped_key = ChaCha20Poly1305::new(&master.0)
		.encrypt(Nonce::from_slice(&key_nonce), Payload { msg: key.as_slice(), aad })
		.unwrap_or_default();
	Sealed { wrapped_key, key_nonce, nonce, ciphertext }
}

/// Open a record sealed by [`seal`] as record `id`.
pub fn open(master: &MasterKey, id: &str, sealed: &Sealed) -> Result<Vec<u8>, CryptoError> {
	let aad = id.as_bytes();
	let key = ChaCha20Poly1305::new(&master.0)
		.decrypt(Nonce::from_slice(&sealed.key_nonce), Payload { msg: &sealed.wrapped_key, aad })
		.map_err(|_| CryptoError::Sealed)?;
	let key: [u8; 32] = key.try_into().map_err(|_| CryptoError::Sealed)?;
	ChaCha20Poly1305::new(&key.into())
		.decrypt(Nonce::from_slice(&sealed.nonce), Payload { msg: &sealed.ciphertext, aad })
		.map_err(|_| CryptoError::Sealed)
}

/// The key of an envelope from the agreement `shared`, the ephemeral key and the provider's.
fn envelope_key(shared: &[u8; 32], ephemeral: &[u8; 32], provider: &[u8; 32]) -> Key {
	let salt = [ephemeral.as_slice(), provider.as_slice()].concat();
	let mut key = [0u8; 32];
	// 32 bytes is far below HKDF-SHA-256's limit of 255 × 32.
	let _ = Hkdf::<Sha256>::new(Some(salt.as_slice()), shared).expand(TAG_SECRET_INFO, &mut key);
	key.into()
}

/// Open the tag secret `patient` sealed to `provider` in `envelope`.
pub fn open_tag_secret(
	provider: &sr25519::Pair,
	patient: &AccountId,
	envelope: &[u8],
) -> Result<TagSecret, CryptoError> {
	if envelope.len() != ENVELOPE_LEN {
		return Err(CryptoError::Envelope(
			"a tag secret's envelope is 92 bytes: ephemeral public key, nonce, sealed secret",
		));
	}
	let (ephemeral, rest) = envelope.split_at(32);
	let (nonce, sealed) = rest.split_at(12);
	let ephemeral: [u8; 32] = ephemeral.try_into().map_err(|_| CryptoError::Envelope("length"))?;
	let keypair: &schnorrkel::Keypair = provider.as_ref();
	// The agreement: the provider's secret scalar times the ephemeral public point, the same
	// 32 bytes as `sr25519Agreement(ephemeral secret, provider public)` in polkadot.js.
	let shared = keypair
		.secret
		.vrf_create_from_compressed_point(&schnorrkel::vrf::VRFPreOut(ephemeral))
		.map_err(|_| {
			CryptoError::Envelope("the envelope's ephemeral key is not an sr25519 public key")
		})?;
	let shared = *shared.as_output_bytes();
	if shared == [0u8; 32] || ephemeral == [0u8; 32] {
		return Err(CryptoError::Envelope("the envelope's ephemeral key is the identity"));
	}
	let key = envelope_key(&shared, &ephemeral, &keypair.public.to_bytes());
	let aad: &[u8] = patient.as_ref();
	let secret = ChaCha20Poly1305::new(&key)
		.decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad })
		.map_err(|_| {
			CryptoError::Envelope(
				"the envelope does not open with this provider's key for this patient: seal it to this gateway's provider account (GET /medchain/provider), for the account that signs",
			)
		})?;
	secret.try_into().map_err(|_| CryptoError::Envelope("the sealed secret is not 32 bytes"))
}

/// Seal `secret` for `patient` to `provider`'s public key, as a patient's wallet does
/// (tests, and tools written in Rust).
pub fn seal_tag_secret(
	provider: &sr25519::Public,
	patient: &AccountId,
	secret: &TagSecret,
	ephemeral_seed: [u8; 32],
	nonce: [u8; 12],
) -> Result<Vec<u8>, CryptoError> {
	let ephemeral = schnorrkel::MiniSecretKey::from_bytes(&ephemeral_seed)
		.map_err(|_| CryptoError::Envelope("seed"))?
		.expand_to_keypair(schnorrkel::ExpansionMode::Ed25519);
	let provider_point = schnorrkel::PublicKey::from_bytes(&provider.0)
		.map_err(|_| CryptoError::Envelope("the provider's key is not an sr25519 public key"))?;
	let shared = ephemeral
		.secret
		.vrf_create_from_compressed_point(&schnorrkel::vrf::VRFPreOut(provider_point.to_bytes()))
		.map_err(|_| CryptoError::Envelope("point"))?;
	let ephemeral_public = ephemeral.public.to_bytes();
	let key = envelope_key(shared.as_output_bytes(), &ephemeral_public, &provider.0);
	let aad: &[u8] = patient.as_ref();
	let sealed = ChaCha20Poly1305::new(&key)
		.encrypt(Nonce::from_slice(&nonce), Payload { msg: secret.as_slice(), aad })
		.map_err(|_| CryptoError::Envelope("seal"))?;
	Ok([ephemeral_public.as_slice(), &nonce, &sealed].concat())
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::Pair as _;

	fn pair(suri: &str) -> sr25519::Pair {
		sr25519::Pair::from_string(suri, None).expect("a dev key")
	}

	#[test]
	fn a_record_opens_only_with_its_id_and_master_key() {
		let master = MasterKey::from_bytes([1; 32]);
		let sealed = seal(&master, "obs-1", b"{\"resourceType\":\"Observation\"}");
		assert_ne!(sealed.ciphertext, b"{\"resourceType\":\"Observation\"}".to_vec());
		assert_eq!(open(&master, "obs-1", &sealed).unwrap(), b"{\"resourceType\":\"Observation\"}");
		assert_eq!(open(&master, "obs-2", &sealed), Err(CryptoError::Sealed));
		assert_eq!(
			open(&MasterKey::from_bytes([2; 32]), "obs-1", &sealed),
			Err(CryptoError::Sealed)
		);
		let mut altered = sealed.clone();
		altered.ciphertext[0] ^= 1;
		assert_eq!(open(&master, "obs-1", &altered), Err(CryptoError::Sealed));
		// Each record has a key of its own.
		let again = seal(&master, "obs-1", b"x");
		assert_ne!(again.wrapped_key, sealed.wrapped_key);
	}

	/// The agreement polkadot.js computes for //Bob's key and the ephemeral seed 0x42…42
	/// (`sr25519Agreement(sr25519PairFromSeed(0x42…).secretKey, bob.publicKey)`), and the
	/// key and seal it gives (HKDF-SHA-256 with [`TAG_SECRET_INFO`], ChaCha20-Poly1305 with
	/// nonce 0x24…, no AAD): computed with @polkadot/util-crypto 14.0.3 and Node's crypto
	/// (`hkdfSync`, `createCipheriv('chacha20-poly1305')`), as `tests/e2e/lib/gateway.js` does.
	#[test]
	fn the_agreement_and_key_match_polkadot_js() {
		let bob = pair("//Bob");
		let ephemeral = schnorrkel::MiniSecretKey::from_bytes(&[0x42; 32])
			.unwrap()
			.expand_to_keypair(schnorrkel::ExpansionMode::Ed25519);
		assert_eq!(
			hex::encode(ephemeral.public.to_bytes()),
			"a4d007a95b28ce117e4051904503612abdcbd22b60475121f92a8b5dedac375a"
		);
		let keypair: &schnorrkel::Keypair = bob.as_ref();
		let shared = keypair
			.secret
			.vrf_create_from_compressed_point(&schnorrkel::vrf::VRFPreOut(
				ephemeral.public.to_bytes(),
			))
			.unwrap();
		assert_eq!(
			hex::encode(shared.as_output_bytes()),
			"8804800a24599d2be2b30b7eb0a7d18fe290305aa32464e7afbfd5840f0e9721"
		);
		let key =
			envelope_key(shared.as_output_bytes(), &ephemeral.public.to_bytes(), &bob.public().0);
		assert_eq!(
			hex::encode(key),
			"82058bc587168a4a96c522d7eb32c0a9f9af6eb9046898ac953c88fb0a8fc6f5"
		);
		let plaintext: Vec<u8> = (0..32).collect();
		let sealed = ChaCha20Poly1305::new(&key)
			.encrypt(Nonce::from_slice(&[0x24; 12]), plaintext.as_slice())
			.unwrap();
		assert_eq!(
			hex::encode(&sealed),
			"03acb307d11466e6b123c2495c9cba2ad55f8cd29b5790c3e24435be803230b1e93110aa5a595bde6f5b0c123fae8485"
		);
	}

	#[test]
	fn a_tag_secret_opens_only_for_its_provider_and_patient() {
		let bob = pair("//Bob");
		let patient = AccountId::from(pair("//Dave//medchain//rel//bob").public());
		let secret = [9u8; 32];
		let envelope = seal_tag_secret(&bob.public(), &patient, &secret, [5; 32], [6; 12]).unwrap();
		assert_eq!(envelope.len(), ENVELOPE_LEN);
		assert_eq!(open_tag_secret(&bob, &patient, &envelope), Ok(secret));
		// Another provider's key, another patient, a bit flipped, a short envelope.
		assert!(open_tag_secret(&pair("//Charlie"), &patient, &envelope).is_err());
		let other = AccountId::from(pair("//Eve").public());
		assert!(open_tag_secret(&bob, &other, &envelope).is_err());
		let mut altered = envelope.clone();
		altered[50] ^= 1;
		assert!(open_tag_secret(&bob, &patient, &altered).is_err());
		assert!(open_tag_secret(&bob, &patient, &envelope[..91]).is_err());
		let mut identity = envelope.clone();
		identity[..32].copy_from_slice(&[0; 32]);
		assert!(open_tag_secret(&bob, &patient, &identity).is_err());
	}

	#[test]
	fn a_master_key_is_made_once_and_read_back() {
		let dir = std::env::temp_dir().join(format!("medchain-gw-key-{}", std::process::id()));
		let path = dir.join("master.key");
		let _ = std::fs::remove_dir_all(&dir);
		assert!(MasterKey::load(&path, false).is_err(), "no key, not created");
		let first = MasterKey::load(&path, true).unwrap();
		let again = MasterKey::load(&path, true).unwrap();
		assert_eq!(first.0, again.0);
		use std::os::unix::fs::PermissionsExt;
		let mode = std::fs::metadata(&path).unwrap().permissions().mode();
		assert_eq!(mode & 0o777, 0o600);
		std::fs::write(&path, b"short").unwrap();
		assert!(MasterKey::load(&path, true).unwrap_err().to_string().contains("not 32 bytes"));
		let _ = std::fs::remove_dir_all(&dir);
	}
}
