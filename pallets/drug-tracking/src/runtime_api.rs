//! The runtime API of drug tracking, for pharmacies, partners and auditors.
//!
//! Listings that grow with the chain come a page at a time (`medchain_primitives::paging`):
//! the caller passes a cursor (none for the first page) and a `limit`, clamped to
//! `1..=MAX_PAGE` (100), and passes each page's `next` back until it is none.

use crate::{BatchId, ExpiryDate, Lot, SerialNumber, ShipmentId, Verdict};
use codec::Codec;
use medchain_primitives::paging::Page;

sp_api::decl_runtime_apis! {
	/// Ask drug tracking.
	///
	/// Version 2: `batch_history` returns a page of the trail, and `batch_holders` pages who
	/// holds a batch; version 1's `batch_history` returned the whole trail and every holder
	/// at once, without bound.
	#[api_version(2)]
	pub trait DrugTrackingApi<BatchHistory, ShipmentView, BatchHistoryPage, AccountId> where
		BatchHistory: Codec,
		ShipmentView: Codec,
		BatchHistoryPage: Codec,
		AccountId: Codec,
	{
		/// Verify a pack from what is printed on it: GTIN, serial number, lot and expiry
		/// (YYMMDD). Read-only: use the `scan` call to also record clone signals.
		fn verify_pack(gtin: u64, serial: SerialNumber, lot: Lot, expiry: ExpiryDate) -> Verdict;

		/// A batch's whole custody trail, its holders, its events and whether it is on hold,
		/// unbounded (version 1, callable as `batch_history_before_version_2` on runtimes
		/// that still serve it).
		#[changed_in(2)]
		fn batch_history(batch: BatchId) -> Option<BatchHistory>;

		/// A page of a batch's history: the batch and whether it is on hold, how many steps
		/// its custody trail has, and at most `limit` of them (clamped to `1..=MAX_PAGE`,
		/// 100) from step `from` (none: the first), oldest first, with the EPCIS events those
		/// steps name. Pass `next` back as `from` for the next page; it is none on the last.
		/// None if there is no such batch.
		fn batch_history(batch: BatchId, from: Option<u32>, limit: u32) -> Option<BatchHistoryPage>;

		/// A page of who holds how many units of a batch: at most `limit` (clamped to
		/// `1..=MAX_PAGE`, 100) after the holder `after` (none: from the start), in storage
		/// order. Pass `next` (the last holder listed) back as `after` for the next page; it
		/// is none on the last. None if there is no such batch.
		fn batch_holders(
			batch: BatchId,
			after: Option<AccountId>,
			limit: u32,
		) -> Option<Page<(AccountId, u32), AccountId>>;

		/// A shipment, its events and whether it is on hold. Bounded: a shipment has at most
		/// `MaxShipmentLines` lines, `MaxShipmentSerials` packs and `MaxShipmentEvents` events.
		fn shipment(shipment: ShipmentId) -> Option<ShipmentView>;
	}
}
