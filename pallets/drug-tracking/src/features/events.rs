//! EPCIS events: anchored by hash, corrected by new events, never edited.

use super::*;
use codec::Encode;
use medchain_primitives::participants::Gln;

impl<T: Config> Pallet<T> {
	/// `who` anchors an EPCIS event; returns its number and how many batches' trails it
	/// joined.
	pub(crate) fn do_record_event(
		who: T::AccountId,
		new: NewEvent,
	) -> Result<(EventId, u32), DispatchError> {
		ensure!(T::Participants::is_active(&who), Error::<T>::NotAParticipant);
		let read_point = new
			.read_point
			.map(|gln| Gln::new(gln).map_err(|_| Error::<T>::InvalidReadPoint))
			.transpose()?;
		let regulator = T::Participants::has_role(&who, Role::Regulator);
		// The batches whose trails this event joins.
		let batches: alloc::vec::Vec<BatchId> = match new.subject {
			EventSubject::Batch(id) => {
				let batch = Batches::<T>::get(id).ok_or(Error::<T>::UnknownBatch)?;
				ensure!(
					regulator || batch.manufacturer == who || Self::units_held(&id, &who) > 0,
					Error::<T>::NotInvolved
				);
				alloc::vec![id]
			}
			EventSubject::Shipment(id) => {
				let shipment = Shipments::<T>::get(id).ok_or(Error::<T>::UnknownShipment)?;
				// Only the carrier the sender named, and only while it carries it.
				let carrier = shipment.status == ShipmentStatus::InTransit
					&& shipment.carrier.as_ref() == Some(&who)
					&& T::Participants::has_role(&who, Role::Carrier);
				ensure!(
					regulator || carrier || shipment.sender == who || shipment.receiver == who,
					Error::<T>::NotInvolved
				);
				// A shipment outlives the first of its batches to be retired: its events join
				// the trails of those still here.
				shipment
					.lines
					.iter()
					.map(|l| l.batch)
					.filter(|batch| Batches::<T>::contains_key(batch))
					.collect()
			}
		};
		if let EventSubject::Shipment(shipment) = new.subject {
			let recorded = ShipmentEvents::<T>::decode_len(shipment).unwrap_or(0);
			ensure!(recorded < T::MaxShipmentEvents::get() as usize, Error::<T>::TooManyEvents);
		}
		if let Some(corrected) = new.corrects {
			let original = Events::<T>::get(corrected)
				.filter(|e| e.subject == new.subject)
				.ok_or(Error::<T>::InvalidCorrection)?;
			// An EPCIS error declaration is made by the party that captured the event.
			ensure!(original.recorded_by == who, Error::<T>::NotTheRecorder);
		}

		let id = NextEventId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let mut event = TrackingEvent {
			subject: new.subject,
			biz_step: new.biz_step,
			disposition: new.disposition,
			read_point,
			when: new.when,
			sensor: new.sensor,
			epcis_hash: new.epcis_hash,
			corrects: new.corrects,
			recorded_by: who.clone(),
			recorded_at: Self::now(),
			deposit: Zero::zero(),
		};
		event.deposit =
			Self::deposit_for(event.encoded_size() + batches.len() * Self::trail_step_bytes());
		Self::hold(&who, event.deposit)?;
		if let EventSubject::Shipment(shipment) = new.subject {
			ShipmentEvents::<T>::try_mutate(shipment, |events| events.try_push(id))
				.map_err(|_| Error::<T>::TooManyEvents)?;
		}
		for batch in &batches {
			Self::append_trail(batch, TrailEntry::Event { event: id });
		}
		NextEventId::<T>::put(next);
		Events::<T>::insert(id, event);
		Self::deposit_event(Event::EventRecorded {
			event: id,
			subject: new.subject,
			corrects: new.corrects,
		});
		Ok((id, batches.len() as u32))
	}
}
