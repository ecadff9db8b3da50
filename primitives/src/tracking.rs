//! The vocabulary of drug tracking shared by the drug-tracking pallet, its runtime API, the
//! chain extension and the shipment-holds contract: GS1 identifiers, verdicts, hold
//! subjects and the shipment summary contracts read.

use crate::{consent::Moment, participants::has_gs1_check_digit};
use alloc::vec::Vec;
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

/// A temperature range in tenths of a degree Celsius, both ends included (2–8 °C is
/// `{ min: 20, max: 80 }`).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct TemperatureRange {
	/// The lowest allowed temperature, in tenths of °C.
	pub min: i16,
	/// The highest allowed temperature, in tenths of °C.
	pub max: i16,
}

/// Where a shipment stands, as contracts see it.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum ShipmentState {
	/// Shipped, not yet received: the only state a hold can stop.
	InTransit,
	/// Received at `at`; `late` if after the expected arrival, `short` if fewer units were
	/// counted than shipped.
	Received {
		/// When.
		at: Moment,
		/// After the expected arrival.
		late: bool,
		/// Fewer units counted than shipped.
		short: bool,
	},
	/// Refused by the receiver at `at`.
	Rejected {
		/// When.
		at: Moment,
	},
}

/// One batch on a shipment, with what a contract needs to judge it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct LineSummary<AccountId> {
	/// The batch.
	pub batch: BatchId,
	/// The batch's manufacturer (a stakeholder of any hold on the shipment).
	pub manufacturer: AccountId,
	/// Units shipped.
	pub quantity: u32,
	/// Units counted at receipt, once received.
	pub counted: Option<u32>,
	/// Whether the batch is recalled.
	pub recalled: bool,
}

/// A shipment as the chain extension's `SHIPMENT` function reports it: parties, lines,
/// times, the temperature to keep, state, and the signals a hold contract acts on.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ShipmentSummary<AccountId> {
	/// Who sent it.
	pub sender: AccountId,
	/// Who is to receive it.
	pub receiver: AccountId,
	/// The carrier the sender named, if any: the one account that may report its
	/// telemetry.
	pub carrier: Option<AccountId>,
	/// Its batches and quantities.
	pub lines: Vec<LineSummary<AccountId>>,
	/// When it was shipped (ms since the Unix epoch).
	pub shipped_at: Moment,
	/// When it is expected to arrive.
	pub expected_arrival: Moment,
	/// The temperature it must be kept at.
	pub temperature: TemperatureRange,
	/// In transit, received or rejected.
	pub state: ShipmentState,
	/// Whether the shipment itself is on hold.
	pub on_hold: bool,
	/// How many of the packs it names by serial are suspect clones (scanned where they
	/// cannot be).
	pub suspect_packs: u32,
}

/// A hold in force, as a contract sees it through the chain extension.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct HoldInForce<AccountId> {
	/// Who placed it: a hold authority (a contract) or a regulator.
	pub by: AccountId,
	/// When (ms since the Unix epoch).
	pub at: Moment,
	/// The hash of its reason, as the placer gave it.
	pub reason: [u8; 32],
}

/// What the drug-tracking pallet knows of the holds on one subject, asked by one account
/// (the calling contract): the hold in force, and whether a regulator lifted one the asker
/// had placed.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct HoldView<AccountId> {
	/// The hold on the subject now, by whoever placed it; `None` if it is not held.
	pub hold: Option<HoldInForce<AccountId>>,
	/// The regulator who lifted a hold the asker placed on the subject, and when, until the
	/// asker takes note of it (by releasing the subject: that never lifts anyone else's
	/// hold).
	pub overridden: Option<(AccountId, Moment)>,
}

/// Why the drug-tracking pallet refused to place or release a hold asked for through the
/// chain extension.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum HoldRefusal {
	/// No such shipment or batch.
	UnknownSubject,
	/// Only a shipment in transit can be held.
	NotInTransit,
	/// It is on hold already.
	AlreadyHeld,
	/// It is not on hold.
	NotHeld,
	/// Someone else placed the hold: only they release it (a regulator may override it).
	NotYourHold,
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
