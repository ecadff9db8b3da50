//! What the runtime API and the chain extension show: a batch's history and holders, a page
//! at a time (see `medchain_primitives::paging`), and a shipment's state.

use super::*;
use alloc::vec::Vec;
use medchain_primitives::paging::{take_page, Page};

impl<T: Config> Pallet<T> {
	/// A page of a batch's history: the batch, whether it is on hold, and at most `limit`
	/// steps of its custody trail (clamped to `1..=MAX_PAGE`) from step `from` (none: the
	/// first), with the EPCIS events those steps name. None if there is no such batch.
	///
	/// Reads the batch, its hold and its trail length, then at most `MAX_PAGE + 1` trail steps
	/// (one past the page, to know whether there is a next) and `MAX_PAGE` events, however
	/// long the trail grows. A step past the trail's end gives a page with no steps and no
	/// `next`.
	pub fn batch_history(
		id: BatchId,
		from: Option<u32>,
		limit: u32,
	) -> Option<BatchHistoryPageOf<T>> {
		let batch = Batches::<T>::get(id)?;
		let steps = TrailLength::<T>::get(id);
		// Each step's cursor is the step after it: where the next page starts.
		let listing = (from.unwrap_or(0)..steps).filter_map(|step| {
			Trail::<T>::get(id, step).map(|entry| (entry, step.saturating_add(1)))
		});
		let Page { items: trail, next } = take_page(listing, limit);
		let events = trail
			.iter()
			.filter_map(|entry| match entry {
				TrailEntry::Event { event } => Events::<T>::get(event).map(|e| (*event, e)),
				_ => None,
			})
			.collect();
		Some(BatchHistoryPage {
			on_hold: Self::is_held(HoldSubject::Batch(id)),
			batch,
			steps,
			trail,
			events,
			next,
		})
	}

	/// A page of who holds how many units of a batch: at most `limit` holders (clamped to
	/// `1..=MAX_PAGE`) after the holder `after` (none: from the first), in storage order (not
	/// by account or units). The next page's cursor is the last holder listed. None if there
	/// is no such batch.
	///
	/// Reads the batch and at most `MAX_PAGE + 1` stock entries. `after` need not hold units
	/// any more: the page starts where that account's entry would be.
	pub fn batch_holders(
		id: BatchId,
		after: Option<T::AccountId>,
		limit: u32,
	) -> Option<HoldersPageOf<T>> {
		if !Batches::<T>::contains_key(id) {
			return None;
		}
		let holders = match after {
			Some(after) => Stock::<T>::iter_prefix_from(id, Stock::<T>::hashed_key_for(id, after)),
			None => Stock::<T>::iter_prefix(id),
		};
		Some(take_page(holders.map(|(who, holding)| ((who.clone(), holding.units), who)), limit))
	}

	/// A shipment with its events and whether it is on hold.
	pub fn shipment_view(id: ShipmentId) -> Option<ShipmentViewOf<T>> {
		let shipment = Shipments::<T>::get(id)?;
		let events: Vec<_> = ShipmentEvents::<T>::get(id)
			.into_iter()
			.filter_map(|event| Events::<T>::get(event).map(|e| (event, e)))
			.collect();
		Some(ShipmentView { on_hold: Self::is_held(HoldSubject::Shipment(id)), shipment, events })
	}

	/// A shipment as contracts see it through the chain extension: parties, lines with
	/// their manufacturers and recall state, times, state, and how many of its named packs
	/// are suspect clones.
	pub fn shipment_summary(id: ShipmentId) -> Option<ShipmentSummaryOf<T>> {
		let shipment = Shipments::<T>::get(id)?;
		let lines = shipment
			.lines
			.iter()
			.enumerate()
			.filter_map(|(i, line)| {
				let batch = Batches::<T>::get(line.batch)?;
				Some(LineSummary {
					batch: line.batch,
					manufacturer: batch.manufacturer,
					quantity: line.quantity,
					counted: shipment.counted.get(i).copied(),
					recalled: batch.recall.is_some(),
				})
			})
			.collect();
		let suspect_packs = shipment
			.packs
			.iter()
			.filter(|pack| {
				Serials::<T>::get(pack.gtin, &pack.serial).is_some_and(|s| s.suspect.is_some())
			})
			.count() as u32;
		let state = match shipment.status {
			ShipmentStatus::InTransit => ShipmentState::InTransit,
			ShipmentStatus::Received { at, late, short } => {
				ShipmentState::Received { at, late, short }
			}
			ShipmentStatus::Rejected { at, .. } => ShipmentState::Rejected { at },
		};
		Some(ShipmentSummary {
			on_hold: Self::is_held(HoldSubject::Shipment(id)),
			sender: shipment.sender,
			receiver: shipment.receiver,
			carrier: shipment.carrier,
			lines,
			shipped_at: shipment.shipped_at,
			expected_arrival: shipment.expected_arrival,
			temperature: shipment.temperature,
			state,
			suspect_packs,
		})
	}
}
