//! The contract-facing side of MedChain's chain extension: its id and status codes.
//!
//! `pallet-contracts` passes a 32-bit function id to the runtime: the upper 16 bits name the
//! extension, the lower 16 bits the function within it (ink!'s
//! `#[ink::chain_extension(extension = ..)]` and `#[ink(function = ..)]`). The runtime
//! answers every call with a [`Status`] in the return register; data, if any, goes back
//! through the output buffer.
//!
//! What a call costs: every call pays for entering the extension (what pallet-contracts
//! charges for a host call that copies nothing), then per byte for its input and its output
//! (as pallet-contracts charges copies out of and into contract memory), then the benchmarked
//! weight of the pallet work each function names below. A refusal pays only for the steps
//! before it: [`Status::UnknownFunction`] and [`Status::InputTooLarge`] the entry,
//! [`Status::DecodeFailed`] the input's bytes too, [`Status::NotAuthorized`] the role check
//! too. Each step is charged before it is taken: a call that runs out of gas traps, and
//! changes nothing.

use crate::{
	consent::AccessQuery,
	tracking::{HoldSubject, ShipmentId},
};
use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The extension id of MedChain's chain extension ("MC").
pub const EXTENSION_ID: u16 = 0x4d43;

/// The most bytes the runtime reads from a contract's input buffer for one call.
///
/// Inputs are small SCALE values (ids, codes, hashes); a cap keeps a contract from making
/// the runtime decode (and charge for) an arbitrarily large buffer.
pub const MAX_INPUT_LEN: u32 = 1024;

/// The functions of the extension, by id (the lower 16 bits of the function id).
pub mod func {
	/// `consent.check_access`: input [`super::CheckAccess`], output
	/// [`crate::consent::Decision`]. Read-only; charges the consent pallet's benchmarked
	/// `check_access` weight (its worst case: a full index of the largest consents).
	pub const CHECK_ACCESS: u16 = 0x0001;
	/// `participants.has_role`: input [`super::HasRole`], output `bool`: whether the
	/// account is an active registered participant holding the role. Read-only; charges the
	/// participants pallet's benchmarked `has_role` weight.
	pub const HAS_ROLE: u16 = 0x0002;
	/// `tracking.shipment`: input a [`ShipmentId`](crate::tracking::ShipmentId), output
	/// `Option<`[`ShipmentSummary`](crate::tracking::ShipmentSummary)`>`. Read-only;
	/// charges the drug-tracking pallet's benchmarked `shipment_summary` weight.
	pub const SHIPMENT: u16 = 0x0003;
	/// `tracking.verify_pack`: input [`super::VerifyPack`], output
	/// [`Verdict`](crate::tracking::Verdict), as a pharmacist's scan would get it now.
	/// Read-only; charges the pallet's benchmarked `verify_pack` weight, or nothing more for
	/// a serial or lot longer than any stored (`Unknown` without a read).
	pub const VERIFY_PACK: u16 = 0x0004;
	/// `tracking.place_hold`: input [`super::PlaceHold`], output
	/// `Result<(), `[`HoldRefusal`](crate::tracking::HoldRefusal)`>`. Only for a contract
	/// whose own account is an active `HoldAuthority` participant (else
	/// [`super::Status::NotAuthorized`], charged the participants pallet's `has_role` only);
	/// the hold is placed in the contract's name, charged `has_role` and the drug-tracking
	/// pallet's `place_shipment_hold` or `place_hold` (a batch) weight. A refusal changes
	/// nothing.
	pub const PLACE_HOLD: u16 = 0x0005;
	/// `tracking.release_hold`: input [`super::ReleaseHold`], output as
	/// [`PLACE_HOLD`]; the same authority rule, charged `has_role` and the pallet's
	/// `release_hold` weight.
	pub const RELEASE_HOLD: u16 = 0x0006;
	/// `tracking.hold`: input a [`HoldSubject`](crate::tracking::HoldSubject), output
	/// [`HoldView`](crate::tracking::HoldView): who holds the subject now, if anyone, and
	/// whether a regulator lifted a hold the *calling contract* placed and it has not taken
	/// note yet. Read-only, open to every contract; charges the drug-tracking pallet's
	/// benchmarked `hold_view` weight. A contract reads it before it acts on its own record
	/// of a hold, so that record cannot go stale.
	pub const HOLD: u16 = 0x0007;
}

/// The input of [`func::SHIPMENT`].
pub type ShipmentQuery = ShipmentId;

/// The input of [`func::VERIFY_PACK`]: what is printed on a pack (GS1 DataMatrix: GTIN,
/// serial, lot and expiry).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct VerifyPack {
	/// The GTIN (AI 01).
	pub gtin: u64,
	/// The serial number (AI 21).
	pub serial: Vec<u8>,
	/// The lot (AI 10).
	pub lot: Vec<u8>,
	/// The expiry date, YYMMDD (AI 17).
	pub expiry: u32,
}

/// The input of [`func::PLACE_HOLD`].
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct PlaceHold {
	/// The shipment or batch to stop.
	pub subject: HoldSubject,
	/// The hash of why (the contract's case record), kept with the hold.
	pub reason: [u8; 32],
}

/// The input of [`func::RELEASE_HOLD`].
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct ReleaseHold {
	/// The shipment or batch to let go.
	pub subject: HoldSubject,
	/// The hash of the resolution (the investigation's finding), evented with the release.
	pub resolution: [u8; 32],
}

/// The input of [`func::HAS_ROLE`].
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct HasRole {
	/// The account (the 32 bytes of an `AccountId32`).
	pub who: [u8; 32],
	/// The role asked about.
	pub role: crate::participants::Role,
}

/// The input of [`func::CHECK_ACCESS`]: may `accessor` act on `patient`'s data as `query`
/// describes, at the current block's time? Accounts are the 32 bytes of an `AccountId32`,
/// as both the runtime and ink! encode them.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct CheckAccess {
	/// Whose data.
	pub patient: [u8; 32],
	/// Who wants it.
	pub accessor: [u8; 32],
	/// What for, which data, which action, and the record's date.
	pub query: AccessQuery,
}

/// The outcome of a chain extension call, as returned to the contract.
///
/// Codes are stable: a deployed contract depends on them, so new variants only ever get
/// new numbers.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum Status {
	/// The call succeeded; its result, if any, is in the output buffer.
	Success = 0,
	/// No function with this id exists in this runtime's extension (charged the entry).
	UnknownFunction = 1,
	/// The input was longer than [`MAX_INPUT_LEN`] (charged the entry; nothing is read).
	InputTooLarge = 2,
	/// The input could not be decoded as the function's argument type (charged the entry
	/// and the input's bytes).
	DecodeFailed = 3,
	/// The calling contract is not allowed to use this function (charged up to the check).
	NotAuthorized = 4,
	/// The pallet refused the request for a reason the function's output has no name for
	/// (the runtime's debug log has its error); nothing was changed.
	Refused = 5,
}

impl Status {
	/// The status for a raw return code, or `None` for a code this version does not know.
	pub fn from_code(code: u32) -> Option<Self> {
		Some(match code {
			0 => Self::Success,
			1 => Self::UnknownFunction,
			2 => Self::InputTooLarge,
			3 => Self::DecodeFailed,
			4 => Self::NotAuthorized,
			5 => Self::Refused,
			_ => return None,
		})
	}

	/// The raw code returned to the contract.
	pub fn code(self) -> u32 {
		self as u32
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_status_round_trips_through_its_code() {
		for status in [
			Status::Success,
			Status::UnknownFunction,
			Status::InputTooLarge,
			Status::DecodeFailed,
			Status::NotAuthorized,
			Status::Refused,
		] {
			assert_eq!(Status::from_code(status.code()), Some(status));
		}
		assert_eq!(Status::from_code(6), None);
	}
}
