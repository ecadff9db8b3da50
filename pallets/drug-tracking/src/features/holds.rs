//! Recalls and holds: stopping a batch or shipment.

use super::*;
use sp_core::H256;

impl<T: Config> Pallet<T> {
	/// `who` (the batch's manufacturer or a regulator) recalls a batch.
	pub(crate) fn do_recall(
		who: T::AccountId,
		id: BatchId,
		class: RecallClass,
		reason_hash: H256,
	) -> DispatchResult {
		let mut batch = Batches::<T>::get(id).ok_or(Error::<T>::UnknownBatch)?;
		let manufacturer =
			batch.manufacturer == who && T::Participants::has_role(&who, Role::Manufacturer);
		ensure!(
			manufacturer || T::Participants::has_role(&who, Role::Regulator),
			Error::<T>::NotAllowedToRecall
		);
		ensure!(batch.recall.is_none(), Error::<T>::AlreadyRecalled);
		let at = Self::now();
		Self::append_trail(&id, TrailEntry::Recalled { class, by: who.clone(), at });
		batch.recall = Some(Recall { class, reason_hash, by: who.clone(), at });
		Batches::<T>::insert(id, batch);
		Self::deposit_event(Event::BatchRecalled { batch: id, class, by: who });
		Ok(())
	}

	/// `who` (a hold authority or regulator) puts a shipment or batch on hold. The chain
	/// extension calls this for the shipment-holds contract.
	pub fn do_place_hold(
		who: T::AccountId,
		subject: HoldSubject,
		reason_hash: H256,
	) -> DispatchResult {
		Self::ensure_hold_authority(&who)?;
		Self::ensure_holdable(subject)?;
		ensure!(!Self::is_held(subject), Error::<T>::AlreadyHeld);
		let at = Self::now();
		if let HoldSubject::Batch(batch) = subject {
			Self::append_trail(&batch, TrailEntry::HoldPlaced { by: who.clone(), at });
		}
		Holds::<T>::insert(subject, HoldRecord { by: who.clone(), at, reason_hash });
		Self::deposit_event(Event::HoldPlaced { subject, by: who, reason_hash });
		Ok(())
	}

	/// `who` (a hold authority or regulator) releases a hold. The chain extension calls this
	/// for the shipment-holds contract.
	pub fn do_release_hold(who: T::AccountId, subject: HoldSubject) -> DispatchResult {
		Self::ensure_hold_authority(&who)?;
		ensure!(Self::is_held(subject), Error::<T>::NotHeld);
		if let HoldSubject::Batch(batch) = subject {
			Self::append_trail(
				&batch,
				TrailEntry::HoldReleased { by: who.clone(), at: Self::now() },
			);
		}
		Holds::<T>::remove(subject);
		Self::deposit_event(Event::HoldReleased { subject, by: who });
		Ok(())
	}

	fn ensure_hold_authority(who: &T::AccountId) -> DispatchResult {
		Self::ensure_role(
			who,
			&[Role::HoldAuthority, Role::Regulator],
			Error::<T>::NotAHoldAuthority,
		)
	}

	fn ensure_holdable(subject: HoldSubject) -> DispatchResult {
		match subject {
			HoldSubject::Batch(id) => {
				ensure!(Batches::<T>::contains_key(id), Error::<T>::UnknownBatch)
			}
			HoldSubject::Shipment(id) => {
				let shipment = Shipments::<T>::get(id).ok_or(Error::<T>::UnknownShipment)?;
				// Only a shipment on its way can be stopped.
				ensure!(shipment.status == ShipmentStatus::InTransit, Error::<T>::NotInTransit);
			}
		}
		Ok(())
	}
}
