//! What the runtime API shows: a batch's whole history and a shipment's state.

use super::*;
use alloc::vec::Vec;

impl<T: Config> Pallet<T> {
	/// A batch with its custody trail, its current holders, the events about it and whether
	/// it is on hold.
	pub fn batch_history(id: BatchId) -> Option<BatchHistoryOf<T>> {
		let batch = Batches::<T>::get(id)?;
		let trail: Vec<TrailEntryOf<T>> =
			(0..TrailLength::<T>::get(id)).filter_map(|step| Trail::<T>::get(id, step)).collect();
		let events = trail
			.iter()
			.filter_map(|entry| match entry {
				TrailEntry::Event { event } => Events::<T>::get(event).map(|e| (*event, e)),
				_ => None,
			})
			.collect();
		Some(BatchHistory {
			holders: Stock::<T>::iter_prefix(id).collect(),
			on_hold: Self::is_held(HoldSubject::Batch(id)),
			batch,
			trail,
			events,
		})
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
}
