//! The vocabulary of drug tracking shared by the drug-tracking pallet, its runtime API, the
//! chain extension and the shipment-holds contract: GS1 identifiers, verdicts and hold
//! subjects.

use crate::participants::has_gs1_check_digit;
use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A shipment's number, unique on the chain and never reused.
pub type ShipmentId = u64;
/// A tracking event's number, unique on the chain and never reused.
pub type EventId = u64;
/// A batch's identity: blake2-256 of the SCALE encoding of (GTIN, lot), so anyone holding a
/// pack can compute it.
pub type BatchId = [u8; 32];

/// A GS1 Global Trade Item Number (GTIN-14; shorter GTINs are the same number with leading
/// zeros): at most 14 digits, the last a check digit.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
pub struct Gtin(u64);

/// Why a number is not a GTIN.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GtinError {
	/// More than 14 digits.
	TooLong,
	/// The last digit is not the GS1 check digit of the others.
	BadCheckDigit,
	/// Zero is no GTIN.
	Zero,
}

impl Gtin {
	const LIMIT: u64 = 100_000_000_000_000;

	/// A GTIN, if `digits` is at most 14 digits long and its check digit is right.
	pub fn new(digits: u64) -> Result<Self, GtinError> {
		if digits == 0 {
			return Err(GtinError::Zero);
		}
		if digits >= Self::LIMIT {
			return Err(GtinError::TooLong);
		}
		if !has_gs1_check_digit(digits) {
			return Err(GtinError::BadCheckDigit);
		}
		Ok(Gtin(digits))
	}

	/// The GTIN as a number.
	pub fn get(self) -> u64 {
		self.0
	}
}

/// Why a pack was taken out of the supply chain (EU FMD decommissioning reasons).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum DecommissionReason {
	/// Dispensed to a patient.
	Dispensed,
	/// Destroyed.
	Destroyed,
	/// Taken as a sample by an authority.
	Sample,
	/// Given as a free sample.
	FreeSample,
	/// Exported out of the market.
	Exported,
	/// Stolen.
	Stolen,
}

/// The answer to "is this pack genuine and may it be supplied?".
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Verdict {
	/// Genuine, active and in date: it may be supplied.
	Authentic,
	/// Genuine but past its expiry date.
	Expired,
	/// Its batch is recalled.
	Recalled,
	/// Taken out of the supply chain already, for this reason.
	Decommissioned(DecommissionReason),
	/// The pack, its batch or its shipment is on hold.
	OnHold,
	/// No such serial number for this GTIN: a suspect pack.
	Unknown,
	/// The serial exists, but the lot or expiry on the pack disagree with the record: suspect.
	Mismatch,
}

/// What a hold applies to.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
pub enum HoldSubject {
	/// A shipment: it cannot be received (or rejected) while held.
	Shipment(ShipmentId),
	/// A batch: none of it can be shipped, received or dispensed while held.
	Batch(BatchId),
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn gtin_check_digit_follows_gs1() {
		// GS1's example GTIN-14 10614141000415 (and its GTIN-13 0614141000418 + indicator).
		assert!(Gtin::new(10_614_141_000_415).is_ok());
		assert_eq!(Gtin::new(10_614_141_000_416), Err(GtinError::BadCheckDigit));
		assert_eq!(Gtin::new(100_000_000_000_000), Err(GtinError::TooLong));
		assert_eq!(Gtin::new(0), Err(GtinError::Zero));
		// A GTIN-13 (EAN-13) is the same number with a leading zero.
		assert_eq!(Gtin::new(4_006_381_333_931).map(Gtin::get), Ok(4_006_381_333_931));
	}
}
