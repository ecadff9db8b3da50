//! What the runtime API and the chain extension show: a batch's whole history and a
//! shipment's state.

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
			holders: Stock::<T>::iter_prefix(id)
				.map(|(who, holding)| (who, holding.units))
				.collect(),
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
