// A patient's key material off chain, derived from their secret URI (SURI) the same way the
// portal, the record gateway and the Rust tools derive it (docs/privacy.md):
//
// - the tag secret, which blinds data classes: blake2-256("medchain:tag-secret:v2" ‖ the
//   sr25519 secret key of SURI//medchain//tag-secret), one per account (the patient's
//   account with each provider has its own, so tags never match across providers);
// - a data class's tag: blake2-128("medchain:data-tag:v1" ‖ tag secret ‖ class code), what
//   consents, requests, records and access questions carry instead of the class;
// - a relationship account: SURI//medchain//rel//<provider address>, the pseudonymous
//   account under which the patient deals with one provider, so no two providers' patient
//   lists share an account;
// - a participant's name salt and commitment: blake2-256("medchain:name:v1" ‖ salt ‖ name).
//
// `primitives/src/consent.rs` (`DataClass::tag`, `EmergencyHandle::of`) and
// `primitives/src/participants.rs` (`name_commitment`) compute the same values from a given
// secret, and the runtime derives the dev participants' salts as `nameSalt` does; the Rust
// tests check known answers, and privacy.test.js checks the same answers here.
import { Keyring, DEV_PHRASE } from '@polkadot/keyring';
import {
  blake2AsU8a, decodeAddress, keyExtractSuri, keyFromPath, mnemonicToMiniSecret, sr25519PairFromSeed,
} from '@polkadot/util-crypto';
import { stringToU8a, u8aConcat, u8aToHex, hexToU8a, isHex } from '@polkadot/util';

const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });

/** The data classes' codes, in declaration order (`DataClass` in primitives/src/consent.rs). */
export const DATA_CLASSES = [
  'Observation', 'Condition', 'Medication', 'AllergyIntolerance', 'Procedure', 'Immunization',
  'DiagnosticReport', 'ImagingStudy', 'Genomics', 'MentalHealth', 'SubstanceUse', 'SexualHealth',
];

/** The sr25519 public key of `suri`'s hard-derived child `//medchain//<name>`. */
function childPublic(suri, name) {
  return keyring.createFromUri(`${suri}//medchain//${name}`).publicKey;
}

/**
 * The sr25519 secret key (64 bytes, as @polkadot/util-crypto holds it) of `suri`'s
 * hard-derived child `//medchain//<name>`. A dev SURI (`//Alice`) is the dev phrase's.
 */
function childSecret(suri, name) {
  const full = suri.startsWith('//') ? `${DEV_PHRASE}${suri}` : suri;
  const { phrase, path, password } = keyExtractSuri(`${full}//medchain//${name}`);
  const seed = isHex(phrase, 256) ? hexToU8a(phrase) : mnemonicToMiniSecret(phrase, password);
  return keyFromPath(sr25519PairFromSeed(seed), path, 'sr25519').secretKey;
}

/**
 * The tag secret (32 bytes) of the account whose SURI is `suri`: blake2-256 of a domain and
 * the *secret* key of its hard-derived child `//medchain//tag-secret`, so no public value
 * (not even the child's public key, which a wallet would show to any app) gives it away.
 * Per account: a relationship account's SURI gives that relationship's secret. Never sent to
 * the chain.
 */
export function tagSecret(suri) {
  return blake2AsU8a(u8aConcat(stringToU8a('medchain:tag-secret:v2'), childSecret(suri, 'tag-secret')), 256);
}

/** The tag (0x-hex, 16 bytes) of data class `code` (e.g. 'SubstanceUse') under `secret`. */
export function dataTag(secret, code) {
  const key = typeof secret === 'string' ? hexToU8a(secret) : secret;
  return u8aToHex(blake2AsU8a(u8aConcat(stringToU8a('medchain:data-tag:v1'), key, stringToU8a(code)), 128));
}

/** The pair under which the patient at `suri` deals with `provider` (an address). */
export function relationshipPair(suri, provider) {
  return keyring.createFromUri(relationshipSuri(suri, provider));
}

/** The SURI of that pair: what the patient's wallet derives ("Derive account" in polkadot.js). */
export function relationshipSuri(suri, provider) {
  return `${suri}//medchain//rel//${provider}`;
}

/** A participant's name salt, from its SURI (genesis derives the dev participants' so). */
export function nameSalt(suri) {
  return blake2AsU8a(u8aConcat(stringToU8a('medchain:name-salt:v1'), childPublic(suri, 'name-salt')), 256);
}

/** The commitment to `name` with `salt` that the participants pallet holds (0x-hex). */
export function nameCommitment(salt, name) {
  return u8aToHex(blake2AsU8a(u8aConcat(stringToU8a('medchain:name:v1'), salt, stringToU8a(name)), 256));
}

/**
 * A patient's emergency handle (0x-hex, 32 bytes): what a break-glass episode names instead
 * of the patient, blake2-256("medchain:emergency:v1" ‖ tag secret ‖ the patient's account,
 * its 32-byte public key). The hospital that holds the tag secret gives it to an emergency
 * clinician; the patient finds their episodes by it.
 */
export function emergencyHandle(secret, patientAddress) {
  const key = typeof secret === 'string' ? hexToU8a(secret) : secret;
  return u8aToHex(blake2AsU8a(u8aConcat(stringToU8a('medchain:emergency:v1'), key, decodeAddress(patientAddress)), 256));
}
