//! The runtime API of drug tracking, for pharmacies, partners and auditors.

use crate::{BatchId, ExpiryDate, Lot, SerialNumber, ShipmentId, Verdict};
use codec::Codec;

sp_api::decl_runtime_apis! {
	/// Ask drug tracking.
	pub trait DrugTrackingApi<BatchHistory, ShipmentView> where
		BatchHistory: Codec,
		ShipmentView: Codec,
	{
		/// Verify a pack from what is printed on it: GTIN, serial number, lot and expiry
		/// (YYMMDD). Read-only: use the `scan` call to also record clone signals.
		fn verify_pack(gtin: u64, serial: SerialNumber, lot: Lot, expiry: ExpiryDate) -> Verdict;

		/// A batch's whole custody trail: who held it and when, the events about it, who
		/// holds it now, and whether it is on hold.
		fn batch_history(batch: BatchId) -> Option<BatchHistory>;

		/// A shipment, its events and whether it is on hold.
		fn shipment(shipment: ShipmentId) -> Option<ShipmentView>;
	}
}
