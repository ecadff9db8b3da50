//! Recalls and holds: stopping a batch or shipment.

use super::*;
use frame_support::weights::Weight;
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
	pub fn do_release_hold(
		who: T::AccountId,
		subject: HoldSubject,
		resolution_hash: H256,
	) -> DispatchResult {
		Self::ensure_hold_authority(&who)?;
		ensure!(Self::is_held(subject), Error::<T>::NotHeld);
		if let HoldSubject::Batch(batch) = subject {
			Self::append_trail(
				&batch,
				TrailEntry::HoldReleased { by: who.clone(), at: Self::now() },
			);
		}
		Holds::<T>::remove(subject);
		Self::deposit_event(Event::HoldReleased { subject, by: who, resolution_hash });
		Ok(())
	}

	/// The benchmarked weight of placing a hold on `subject`: a shipment is read whole to
	/// check that it is in transit, a batch hold joins the batch's trail.
	pub fn place_hold_weight(subject: &HoldSubject) -> Weight {
		match subject {
			HoldSubject::Shipment(_) => T::WeightInfo::place_shipment_hold(),
			HoldSubject::Batch(_) => T::WeightInfo::place_hold(),
		}
	}

	/// The named refusal a contract gets for `error` from [`Self::do_place_hold`] or
	/// [`Self::do_release_hold`], if it is one a hold authority can act on.
	pub fn hold_refusal(error: DispatchError) -> Option<HoldRefusal> {
		let is = |e: Error<T>| DispatchError::from(e) == error;
		Some(if is(Error::<T>::UnknownShipment) || is(Error::<T>::UnknownBatch) {
			HoldRefusal::UnknownSubject
		} else if is(Error::<T>::NotInTransit) {
			HoldRefusal::NotInTransit
		} else if is(Error::<T>::AlreadyHeld) {
			HoldRefusal::AlreadyHeld
		} else if is(Error::<T>::NotHeld) {
			HoldRefusal::NotHeld
		} else {
			return None;
		})
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
