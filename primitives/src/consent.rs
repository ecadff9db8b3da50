//! The vocabulary of patient consent, shared by the consent pallet, its runtime API, the chain
//! extension and the access-grants contract.
//!
//! Codes follow HL7: purposes of use are HL7 v3 ActReason codes and keep their code as the
//! variant name, so what a patient picks in polkadot.js is the code their records use; data
//! classes are FHIR resource types or sensitive-data categories; actions are FHIR Consent
//! actions.
//!
//! A [`Decision`] either permits, naming what permits it, or denies, naming why.

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

/// How many data classes exist; bounds every list of data classes.
pub const DATA_CLASS_COUNT: u32 = DataClass::ALL.len() as u32;

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

/// One question put to the consent registry: may `accessor` do `action` on the patient's
/// `data_class` records for `purpose`?
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct AccessQuery {
	/// Why the data is wanted.
	pub purpose: Purpose,
	/// Which kind of data.
	pub data_class: DataClass,
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
