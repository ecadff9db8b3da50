//! The ink! side of MedChain's chain extension.
//!
//! A MedChain contract declares `#[ink::contract(env = medchain_ink::MedChainEnvironment)]`
//! and then asks the runtime through `self.env().extension()`:
//!
//! - [`MedChainExtension::check_access`]: the consent pallet's decision, now;
//! - [`MedChainExtension::has_role`]: whether an account is an active participant in a role;
//! - [`MedChainExtension::shipment`] and [`MedChainExtension::verify_pack`]: drug tracking's
//!   view of a shipment and its verdict on a pack;
//! - [`MedChainExtension::place_hold`] and [`MedChainExtension::release_hold`]: only for a
//!   contract whose account the participant registry lists as an active `HoldAuthority`;
//! - [`MedChainExtension::hold`]: who holds a shipment or batch now, and whether a regulator
//!   lifted a hold the calling contract had placed.
//!
//! The inputs and outputs are `medchain-primitives` types, the same SCALE types the runtime
//! decodes and encodes, so the two sides cannot drift apart. A call the runtime refuses comes
//! back as an [`ExtensionError`] named after the runtime's status code.
#![cfg_attr(not(feature = "std"), no_std)]

pub use medchain_primitives::{
	chain_extension::{
		CheckAccess, HasRole, PlaceHold, ReleaseHold, Status, VerifyPack, EXTENSION_ID,
	},
	consent::{AccessQuery, Action, DataClass, DataTag, Decision, Denial, Permit, Purpose},
	holds::{ReasonCode, RiskCategory, Rules, Telemetry, MAX_SCORE, REASON_CODES, RISK_CATEGORIES},
	participants::Role,
	tracking::{
		BatchId, HoldInForce, HoldRefusal, HoldSubject, HoldView, LineSummary, ShipmentId,
		ShipmentState, ShipmentSummary, TemperatureRange, Verdict,
	},
};

/// A shipment as the runtime reports it, with ink!'s account type (the same 32 bytes).
pub type Shipment = ShipmentSummary<ink::primitives::AccountId>;
/// The holds on a subject as the runtime reports them to the calling contract.
pub type Holds = HoldView<ink::primitives::AccountId>;

// The extension id below is a literal the macro needs; it must be the runtime's.
const _: () = assert!(EXTENSION_ID == 0x4d43);

/// Why a chain extension call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub enum ExtensionError {
	/// The runtime has no such function (a contract built for another runtime version).
	UnknownFunction,
	/// The input was larger than the runtime reads.
	InputTooLarge,
	/// The runtime could not decode the input.
	DecodeFailed,
	/// This contract may not call the function.
	NotAuthorized,
	/// The pallet refused.
	Refused,
	/// A status code this version does not know.
	UnknownStatus(u32),
	/// The runtime's answer did not decode.
	BadOutput,
}

impl ink::env::chain_extension::FromStatusCode for ExtensionError {
	fn from_status_code(code: u32) -> Result<(), Self> {
		match Status::from_code(code) {
			Some(Status::Success) => Ok(()),
			Some(Status::UnknownFunction) => Err(Self::UnknownFunction),
			Some(Status::InputTooLarge) => Err(Self::InputTooLarge),
			Some(Status::DecodeFailed) => Err(Self::DecodeFailed),
			Some(Status::NotAuthorized) => Err(Self::NotAuthorized),
			Some(Status::Refused) => Err(Self::Refused),
			None => Err(Self::UnknownStatus(code)),
		}
	}
}

impl From<ink::scale::Error> for ExtensionError {
	fn from(_: ink::scale::Error) -> Self {
		Self::BadOutput
	}
}

/// MedChain's chain extension.
#[ink::chain_extension(extension = 0x4d43)]
pub trait MedChainExtension {
	type ErrorCode = ExtensionError;

	/// May `input.accessor` act on `input.patient`'s data as `input.query` describes, now?
	#[ink(function = 0x0001)]
	fn check_access(input: CheckAccess) -> Result<Decision, ExtensionError>;

	/// Is `input.who` an active registered participant holding `input.role`?
	#[ink(function = 0x0002)]
	fn has_role(input: HasRole) -> Result<bool, ExtensionError>;

	/// The shipment `id` as drug tracking records it, or `None` if there is none.
	#[ink(function = 0x0003)]
	fn shipment(id: ShipmentId) -> Result<Option<Shipment>, ExtensionError>;

	/// The verdict on a pack, as a pharmacist's scan would get it now.
	#[ink(function = 0x0004)]
	fn verify_pack(input: VerifyPack) -> Result<Verdict, ExtensionError>;

	/// Put a shipment or batch on hold in this contract's name. `NotAuthorized` unless this
	/// contract's account is an active `HoldAuthority`; a refusal it can act on is named.
	#[ink(function = 0x0005)]
	fn place_hold(input: PlaceHold) -> Result<Result<(), HoldRefusal>, ExtensionError>;

	/// Release a hold in this contract's name; the same rule as `place_hold`.
	#[ink(function = 0x0006)]
	fn release_hold(input: ReleaseHold) -> Result<Result<(), HoldRefusal>, ExtensionError>;

	/// Who holds `subject` now, and whether a regulator lifted a hold this contract placed
	/// there (until this contract takes note by releasing it). Open to every contract.
	#[ink(function = 0x0007)]
	fn hold(subject: HoldSubject) -> Result<Holds, ExtensionError>;
}

/// `Ok(())` if `condition` holds, else `Err(error)`: the guard every message starts with.
pub fn ensure<E>(condition: bool, error: E) -> Result<(), E> {
	if condition {
		Ok(())
	} else {
		Err(error)
	}
}

/// Declare the storage layout of types a contract stores whole under one key (in a
/// `Mapping` or `Lazy`, or as a field of its storage): each is a leaf, like any packed
/// value. `#[ink::scale_derive]` does not derive `StorageLayout`, which metadata needs.
#[macro_export]
macro_rules! packed_leaf {
	($($ty:ty),*) => {$(
		#[cfg(feature = "std")]
		impl ink::storage::traits::StorageLayout for $ty {
			fn layout(key: &ink::primitives::Key) -> ink::metadata::layout::Layout {
				ink::metadata::layout::Layout::Leaf(
					ink::metadata::layout::LeafLayout::from_key::<Self>(
						ink::metadata::layout::LayoutKey::from(key),
					),
				)
			}
		}
	)*};
}

/// The default ink! environment with MedChain's chain extension.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(TypeInfo)]
pub enum MedChainEnvironment {}

impl ink::env::Environment for MedChainEnvironment {
	const MAX_EVENT_TOPICS: usize =
		<ink::env::DefaultEnvironment as ink::env::Environment>::MAX_EVENT_TOPICS;
	type AccountId = <ink::env::DefaultEnvironment as ink::env::Environment>::AccountId;
	type Balance = <ink::env::DefaultEnvironment as ink::env::Environment>::Balance;
	type Hash = <ink::env::DefaultEnvironment as ink::env::Environment>::Hash;
	type Timestamp = <ink::env::DefaultEnvironment as ink::env::Environment>::Timestamp;
	type BlockNumber = <ink::env::DefaultEnvironment as ink::env::Environment>::BlockNumber;
	type ChainExtension = MedChainExtension;
}

#[cfg(test)]
mod tests {
	use super::*;
	use ink::env::chain_extension::FromStatusCode;

	#[test]
	fn every_runtime_status_has_a_named_error() {
		assert_eq!(ExtensionError::from_status_code(0), Ok(()));
		assert_eq!(ExtensionError::from_status_code(1), Err(ExtensionError::UnknownFunction));
		assert_eq!(ExtensionError::from_status_code(5), Err(ExtensionError::Refused));
		assert_eq!(ExtensionError::from_status_code(99), Err(ExtensionError::UnknownStatus(99)));
	}
}
