//! Who takes part in MedChain and in which roles: the types other pallets and contracts use
//! to ask, and the trait they ask through.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A role a registered participant may hold; an account may hold several.
#[derive(
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Role {
	/// Makes medicines: registers products and batches, commissions serials, recalls.
	Manufacturer,
	/// Buys and resells medicines in bulk.
	Wholesaler,
	/// Moves shipments and reports their condition in transit.
	Carrier,
	/// Dispenses medicines to patients.
	Pharmacy,
	/// An organisation that treats patients and holds their records.
	Hospital,
	/// A person who treats patients; may use break-glass access in an emergency.
	Clinician,
	/// Uses health data for research, under consent.
	Researcher,
	/// A public authority: recalls, holds, investigations.
	Regulator,
	/// Reviews break-glass uses and shipment-hold investigations.
	Auditor,
	/// An off-chain anomaly detector allowed to report to the shipment-holds contract.
	AnomalyOracle,
	/// A contract account allowed to place and release holds on shipments and batches.
	HoldAuthority,
}

impl Role {
	/// Every role, in declaration order.
	pub const ALL: [Role; 11] = [
		Role::Manufacturer,
		Role::Wholesaler,
		Role::Carrier,
		Role::Pharmacy,
		Role::Hospital,
		Role::Clinician,
		Role::Researcher,
		Role::Regulator,
		Role::Auditor,
		Role::AnomalyOracle,
		Role::HoldAuthority,
	];
}

/// How many roles exist; bounds every set of roles.
pub const ROLE_COUNT: u32 = Role::ALL.len() as u32;

/// A GS1 Global Location Number: 13 digits, the last a check digit.
///
/// Held as a number (0 ..= 9_999_999_999_999) so polkadot.js shows and takes it as one; a
/// GLN with leading zeros is the same number, printed zero-padded to 13 digits.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
pub struct Gln(u64);

/// Why a number is not a GLN.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GlnError {
	/// More than 13 digits.
	TooLong,
	/// The 13th digit is not the GS1 check digit of the first 12.
	BadCheckDigit,
}

impl Gln {
	const LIMIT: u64 = 10_000_000_000_000;

	/// A GLN, if `digits` is at most 13 digits long and its check digit is right.
	pub fn new(digits: u64) -> Result<Self, GlnError> {
		if digits >= Self::LIMIT {
			return Err(GlnError::TooLong);
		}
		if !has_gs1_check_digit(digits) {
			return Err(GlnError::BadCheckDigit);
		}
		Ok(Gln(digits))
	}

	/// The GLN as a number.
	pub fn get(self) -> u64 {
		self.0
	}
}

/// The GS1 check digit of the digits of `body`, read as a fixed-width number: from the
/// right, digits are weighted 3, 1, 3, 1, …
pub fn gs1_check_digit(mut body: u64) -> u8 {
	let mut sum = 0u64;
	let mut weight = 3;
	while body > 0 {
		sum += (body % 10) * weight;
		weight = 4 - weight;
		body /= 10;
	}
	((10 - sum % 10) % 10) as u8
}

/// Whether the last digit of `digits` is the GS1 check digit of the digits before it (GLN,
/// GTIN and the other GS1 keys share the rule).
pub fn has_gs1_check_digit(digits: u64) -> bool {
	gs1_check_digit(digits / 10) == (digits % 10) as u8
}

/// What other pallets may ask about participants, without touching the registry's storage.
///
/// A suspended participant holds no role until reinstated.
pub trait ParticipantRoles<AccountId> {
	/// Whether `who` is an active participant holding `role`.
	fn has_role(who: &AccountId, role: Role) -> bool;

	/// Whether `who` is an active participant holding any of `roles`.
	fn has_any_role(who: &AccountId, roles: &[Role]) -> bool {
		roles.iter().any(|role| Self::has_role(who, *role))
	}

	/// Whether `who` is registered and not suspended.
	fn is_active(who: &AccountId) -> bool;

	/// Whether `who` is registered with `role`, suspended or not. For denials only: a deny
	/// aimed at a role keeps matching a suspended holder of it, so suspension never turns a
	/// deny into a permit.
	fn is_registered_as(who: &AccountId, role: Role) -> bool;

	/// The location of an active participant, if it has one.
	fn gln_of(who: &AccountId) -> Option<Gln>;
}

/// A stand-in registry for other pallets' unit tests, so they do not depend on the real
/// pallet: accounts are `u64`, state is per test thread.
#[cfg(feature = "std")]
pub mod mock {
	use super::*;
	use std::{cell::RefCell, collections::BTreeMap};

	#[derive(Clone, Default)]
	struct Entry {
		roles: Vec<Role>,
		gln: Option<Gln>,
		suspended: bool,
	}

	std::thread_local! {
		static REGISTRY: RefCell<BTreeMap<u64, Entry>> = const { RefCell::new(BTreeMap::new()) };
	}

	/// The mock registry.
	pub struct MockParticipants;

	impl MockParticipants {
		/// Register `who` (again) with exactly these roles and location, active.
		pub fn set(who: u64, roles: &[Role], gln: Option<Gln>) {
			REGISTRY.with(|r| {
				r.borrow_mut().insert(who, Entry { roles: roles.to_vec(), gln, suspended: false })
			});
		}

		/// Suspend or reinstate `who`.
		pub fn set_suspended(who: u64, suspended: bool) {
			REGISTRY.with(|r| {
				if let Some(entry) = r.borrow_mut().get_mut(&who) {
					entry.suspended = suspended;
				}
			});
		}

		/// Forget everyone.
		pub fn clear() {
			REGISTRY.with(|r| r.borrow_mut().clear());
		}

		fn active(who: &u64) -> Option<Entry> {
			REGISTRY.with(|r| r.borrow().get(who).filter(|e| !e.suspended).cloned())
		}
	}

	impl ParticipantRoles<u64> for MockParticipants {
		fn has_role(who: &u64, role: Role) -> bool {
			Self::active(who).is_some_and(|e| e.roles.contains(&role))
		}

		fn is_active(who: &u64) -> bool {
			Self::active(who).is_some()
		}

		fn is_registered_as(who: &u64, role: Role) -> bool {
			REGISTRY.with(|r| r.borrow().get(who).is_some_and(|e| e.roles.contains(&role)))
		}

		fn gln_of(who: &u64) -> Option<Gln> {
			Self::active(who).and_then(|e| e.gln)
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn gln_check_digit_follows_gs1() {
		// A published EAN-13 (same check digit rule as GLN-13).
		assert_eq!(Gln::new(4_006_381_333_931).map(Gln::get), Ok(4_006_381_333_931));
		assert_eq!(Gln::new(4_006_381_333_932), Err(GlnError::BadCheckDigit));
		// GS1's example GLN 0614141000012: a leading zero adds nothing to the sum.
		assert_eq!(gs1_check_digit(61_414_100_001), 2);
		assert!(Gln::new(614_141_000_012).is_ok());
		assert_eq!(Gln::new(10_000_000_000_000), Err(GlnError::TooLong));
	}

	#[test]
	fn mock_registry_drops_roles_while_suspended() {
		use mock::MockParticipants as M;
		M::clear();
		M::set(1, &[Role::Clinician], None);
		assert!(M::has_role(&1, Role::Clinician));
		assert!(!M::has_role(&1, Role::Auditor));
		M::set_suspended(1, true);
		assert!(!M::has_role(&1, Role::Clinician) && !M::is_active(&1));
		assert!(
			M::is_registered_as(&1, Role::Clinician) && !M::is_registered_as(&1, Role::Auditor)
		);
		M::set_suspended(1, false);
		assert!(M::has_any_role(&1, &[Role::Auditor, Role::Clinician]));
	}
}

/// The domain separator of [`name_commitment`].
pub const NAME_COMMITMENT_DOMAIN: &[u8] = b"medchain:name:v1";

/// What the registry holds of a participant's name: `blake2_256("medchain:name:v1" ‖ salt ‖
/// name)`, with a 32-byte salt that stays off chain with the participant. Whoever is given
/// the name and the salt can check them against the chain; an observer cannot recover the
/// name from a list of likely names, as it could from an unsalted hash.
#[cfg(feature = "std")]
pub fn name_commitment(salt: &[u8; 32], name: &str) -> [u8; 32] {
	let mut input = Vec::with_capacity(NAME_COMMITMENT_DOMAIN.len() + 32 + name.len());
	input.extend_from_slice(NAME_COMMITMENT_DOMAIN);
	input.extend_from_slice(salt);
	input.extend_from_slice(name.as_bytes());
	sp_crypto_hashing::blake2_256(&input)
}

#[cfg(test)]
mod name_tests {
	/// The same answer `tests/e2e/lib/keys.js` gives (`nameCommitment`).
	#[test]
	fn a_name_commitment_is_the_known_salted_hash() {
		let commitment = super::name_commitment(&[9; 32], "Dev General Hospital");
		let expected = "07092572b02f7fc12c4de4c92582fce80f45a2e9c93df7e9ddd4389991b2f601";
		let hex: String = commitment.iter().map(|b| format!("{b:02x}")).collect();
		assert_eq!(hex, expected);
		assert_ne!(super::name_commitment(&[8; 32], "Dev General Hospital"), commitment);
	}
}
