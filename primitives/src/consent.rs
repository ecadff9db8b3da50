//! The vocabulary of patient consent, shared by the consent pallet, its runtime API, the chain
//! extension and the access-grants contract.
//!
//! Codes follow HL7: purposes of use are HL7 v3 ActReason codes and keep their code as the
//! variant name, so what a patient picks in polkadot.js is the code their records use; data
//! classes are FHIR resource types or sensitive-data categories; actions are FHIR Consent
//! actions.
//!
//! A [`Decision`] either permits, naming what permits it, or denies, naming why.
//!
//! ## Blinded data classes
//! The chain never holds a [`DataClass`] in clear: that a patient account has a SubstanceUse
//! record, or denies MentalHealth data to someone, is health information. Consents, requests,
//! records and access questions carry a [`DataTag`] instead, the class blinded with a secret
//! of the patient's ([`TagSecret`]) that the patient shares with their providers off chain
//! (docs/privacy.md). The registry only compares tags for equality, so its decisions are what
//! they were with classes; an observer without the secret cannot tell which class a tag is,
//! nor match one patient's tags with another's.
//!
//! Off chain, [`DataClass::tag`] (with `std`) blinds a class; `tests/e2e/lib/keys.js` does
//! the same in JavaScript, and a test checks both give the same tags.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A consent's number, unique on the chain and never reused.
pub type ConsentId = u64;
/// A break-glass episode's number, unique on the chain and never reused.
pub type EpisodeId = u64;
/// A time, in milliseconds since the Unix epoch (the chain's `Timestamp`).
pub type Moment = u64;

/// Why data is used: an HL7 v3 ActReason (purpose of use) code.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
// The variants are the HL7 codes themselves, as patients and record systems know them.
#[allow(clippy::upper_case_acronyms)]
pub enum Purpose {
	/// TREAT: treatment of the patient.
	TREAT,
	/// ETREAT: emergency treatment.
	ETREAT,
	/// HPAYMT: payment for the patient's care (billing, claims).
	HPAYMT,
	/// HOPERAT: healthcare operations (quality, administration).
	HOPERAT,
	/// HRESCH: healthcare research.
	HRESCH,
	/// PUBHLTH: public health (reporting, surveillance).
	PUBHLTH,
	/// HMARKT: marketing.
	HMARKT,
	/// BTG: break the glass, an emergency override that is always reviewed.
	BTG,
}

impl Purpose {
	/// Every purpose, in declaration order.
	pub const ALL: [Purpose; 8] = [
		Purpose::TREAT,
		Purpose::ETREAT,
		Purpose::HPAYMT,
		Purpose::HOPERAT,
		Purpose::HRESCH,
		Purpose::PUBHLTH,
		Purpose::HMARKT,
		Purpose::BTG,
	];
}

/// How many purposes exist; bounds every list of purposes.
pub const PURPOSE_COUNT: u32 = Purpose::ALL.len() as u32;

/// Which data: a FHIR resource type or a sensitive-data category.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
pub enum DataClass {
	/// Measurements and findings: vital signs, laboratory results.
	Observation,
	/// Diagnoses and problems.
	Condition,
	/// Prescriptions, dispensing and medication statements.
	Medication,
	/// Allergies and intolerances.
	AllergyIntolerance,
	/// Operations and other procedures.
	Procedure,
	/// Vaccinations.
	Immunization,
	/// Reports of diagnostic tests.
	DiagnosticReport,
	/// Radiology and other imaging.
	ImagingStudy,
	/// Genetic and genomic data.
	Genomics,
	/// Mental health (a sensitive category).
	MentalHealth,
	/// Substance use (a sensitive category).
	SubstanceUse,
	/// Sexual and reproductive health (a sensitive category).
	SexualHealth,
}

impl DataClass {
	/// Every data class, in declaration order.
	pub const ALL: [DataClass; 12] = [
		DataClass::Observation,
		DataClass::Condition,
		DataClass::Medication,
		DataClass::AllergyIntolerance,
		DataClass::Procedure,
		DataClass::Immunization,
		DataClass::DiagnosticReport,
		DataClass::ImagingStudy,
		DataClass::Genomics,
		DataClass::MentalHealth,
		DataClass::SubstanceUse,
		DataClass::SexualHealth,
	];
}

/// How many data classes exist; bounds every list of data tags.
pub const DATA_CLASS_COUNT: u32 = DataClass::ALL.len() as u32;

impl DataClass {
	/// The class's code, as FHIR and the portal spell it: the variant's name.
	pub fn code(self) -> &'static str {
		match self {
			DataClass::Observation => "Observation",
			DataClass::Condition => "Condition",
			DataClass::Medication => "Medication",
			DataClass::AllergyIntolerance => "AllergyIntolerance",
			DataClass::Procedure => "Procedure",
			DataClass::Immunization => "Immunization",
			DataClass::DiagnosticReport => "DiagnosticReport",
			DataClass::ImagingStudy => "ImagingStudy",
			DataClass::Genomics => "Genomics",
			DataClass::MentalHealth => "MentalHealth",
			DataClass::SubstanceUse => "SubstanceUse",
			DataClass::SexualHealth => "SexualHealth",
		}
	}

	/// This class blinded for the patient whose tag secret is `secret`:
	/// `blake2_128("medchain:data-tag:v1" ‖ secret ‖ code)`.
	#[cfg(feature = "std")]
	pub fn tag(self, secret: &TagSecret) -> DataTag {
		let mut input = Vec::with_capacity(DATA_TAG_DOMAIN.len() + 32 + 24);
		input.extend_from_slice(DATA_TAG_DOMAIN);
		input.extend_from_slice(secret);
		input.extend_from_slice(self.code().as_bytes());
		DataTag(sp_crypto_hashing::blake2_128(&input))
	}
}

/// The domain separator of [`DataClass::tag`].
pub const DATA_TAG_DOMAIN: &[u8] = b"medchain:data-tag:v1";

/// A patient's secret for blinding data classes: 32 bytes the patient derives from their key
/// (blake2-256 of `"medchain:tag-secret:v1"` and the public key of their key's hard-derived
/// `//medchain//tag-secret` child, which is never used on chain) and shares with their
/// providers off chain. Never stored or sent on chain.
pub type TagSecret = [u8; 32];

/// A data class blinded for one patient ([`DataClass::tag`]): what consents, requests,
/// records and access questions carry instead of the class. Equal tags of one patient are the
/// same class; without the patient's secret a tag says nothing about which.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
pub struct DataTag(pub [u8; 16]);

/// What is done with the data: a FHIR Consent action.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
pub enum Action {
	/// Read the data.
	Access,
	/// Use the data, for the purpose given.
	Use,
	/// Pass the data on to someone else.
	Disclose,
	/// Add new data to the record.
	Collect,
	/// Correct existing data.
	Correct,
}

impl Action {
	/// Every action, in declaration order.
	pub const ALL: [Action; 5] =
		[Action::Access, Action::Use, Action::Disclose, Action::Collect, Action::Correct];
}

/// How many actions exist; bounds every list of actions.
pub const ACTION_COUNT: u32 = Action::ALL.len() as u32;

/// Why a clinician breaks the glass.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
#[allow(clippy::upper_case_acronyms)]
pub enum EmergencyReason {
	/// ETREAT: emergency treatment.
	ETREAT,
	/// BTG: break the glass for another urgent reason.
	BTG,
}

impl From<EmergencyReason> for Purpose {
	fn from(reason: EmergencyReason) -> Self {
		match reason {
			EmergencyReason::ETREAT => Purpose::ETREAT,
			EmergencyReason::BTG => Purpose::BTG,
		}
	}
}

/// The domain separator of [`EmergencyHandle::of`].
pub const EMERGENCY_HANDLE_DOMAIN: &[u8] = b"medchain:emergency:v1";

/// What a break-glass episode names instead of the patient: `blake2_256("medchain:emergency:v1"
/// ‖ tag secret ‖ the patient's account)`, so only the patient and the providers they gave
/// their tag secret can tell whose emergency it is. A clinician breaking the glass gets it
/// from the record gateway of the hospital whose records are needed. The gateway asks the
/// registry with the patient's tag secret (an RPC query to its own node, not a transaction),
/// and the registry computes the handle from the secret *and the patient asked about*: an
/// episode under one patient's handle permits nothing about another. The patient's portal
/// finds their episodes by it.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
pub struct EmergencyHandle(pub [u8; 32]);

impl EmergencyHandle {
	/// What is hashed to the handle of the patient whose encoded account is `patient` and
	/// whose tag secret is `secret`: the domain, the secret, the account.
	pub fn preimage(secret: &TagSecret, patient: &[u8]) -> alloc::vec::Vec<u8> {
		let mut input = EMERGENCY_HANDLE_DOMAIN.to_vec();
		input.extend_from_slice(secret);
		input.extend_from_slice(patient);
		input
	}

	/// The emergency handle of the patient whose encoded account is `patient` and whose tag
	/// secret is `secret`.
	#[cfg(feature = "std")]
	pub fn of(secret: &TagSecret, patient: &[u8]) -> Self {
		EmergencyHandle(sp_crypto_hashing::blake2_256(&Self::preimage(secret, patient)))
	}
}

/// One question put to the consent registry: may `accessor` do `action` on the patient's
/// records of the data class tagged `data_tag` for `purpose`?
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct AccessQuery {
	/// Why the data is wanted.
	pub purpose: Purpose,
	/// Which kind of data: its class blinded for the patient ([`DataClass::tag`]).
	pub data_tag: DataTag,
	/// What would be done with it.
	pub action: Action,
	/// When the record was made, if known; consents may cover records of a period only.
	/// A consent limited to a period never permits a record of unknown date, and a denial
	/// limited to a period always applies to one.
	pub record_date: Option<Moment>,
}

/// What permits an access.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Permit {
	/// The accessor is the patient.
	Patient,
	/// The accessor is a guardian of the patient and no consent denies it.
	Guardian,
	/// This consent permits it and no consent denies it.
	Consent(ConsentId),
	/// This open break-glass episode permits it (emergency purposes only; always reviewed).
	BreakGlass(EpisodeId),
}

/// Why an access is denied.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Denial {
	/// A deny provision of this consent covers the access; deny overrides permit.
	DeniedByConsent(ConsentId),
	/// No active consent permits the access.
	NoConsent,
}

/// The consent registry's answer.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Decision {
	/// The access is permitted, for this reason.
	Permit(Permit),
	/// The access is denied, for this reason.
	Deny(Denial),
}

impl Decision {
	/// Whether the access is permitted.
	pub fn is_permit(&self) -> bool {
		matches!(self, Decision::Permit(_))
	}
}

#[cfg(test)]
mod tag_tests {
	use super::*;

	/// The same answer `tests/e2e/lib/keys.js` gives (`dataTag`), so a tag made in the portal
	/// matches one made by a Rust tool.
	#[test]
	fn a_tag_is_the_known_blinding_of_the_class() {
		let tag = DataClass::SubstanceUse.tag(&[7; 32]);
		assert_eq!(tag.0, *b"\x5f\xde\x10\x98\x3b\x11\xac\x46\xa7\xbf\x35\x1e\x14\x03\x7a\xf2");
	}

	/// The same answer `tests/e2e/lib/keys.js` gives (`emergencyHandle`).
	#[test]
	fn an_emergency_handle_is_the_known_hash_of_the_tag_secret_and_the_patient() {
		let handle = EmergencyHandle::of(&[7; 32], &[1; 32]);
		let hex: String = handle.0.iter().map(|b| format!("{b:02x}")).collect();
		assert_eq!(hex, "1d7ddfda6f55182bd34a64f78d5d3856bc4d7923cc85240e77de03b385d54d85");
		assert_ne!(EmergencyHandle::of(&[8; 32], &[1; 32]), handle, "another secret");
		assert_ne!(EmergencyHandle::of(&[7; 32], &[2; 32]), handle, "another patient");
	}

	#[test]
	fn tags_differ_between_classes_and_between_patients() {
		let mut seen = std::collections::BTreeSet::new();
		for secret in [[1; 32], [2; 32]] {
			for class in DataClass::ALL {
				assert!(seen.insert(class.tag(&secret)), "{class:?} collides");
			}
		}
		assert_eq!(seen.len(), 2 * DataClass::ALL.len());
	}
}
