//! Recalls and holds: stopping a batch or shipment.

use super::*;
use codec::MaxEncodedLen;
use frame_support::{storage::with_storage_layer, weights::Weight};
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
		Self::append_paid_step(&id, &who, TrailEntry::Recalled { class, by: who.clone(), at })?;
		batch.recall = Some(Recall { class, reason_hash, by: who.clone(), at });
		Batches::<T>::insert(id, batch);
		Self::deposit_event(Event::BatchRecalled { batch: id, class, by: who });
		Ok(())
	}

	/// `who` (a hold authority or regulator) puts a shipment or batch on hold, and pays a
	/// deposit for it (and for a batch's trail step). The chain extension calls this for the
	/// shipment-holds contract; all or nothing of it happens.
	pub fn do_place_hold(
		who: T::AccountId,
		subject: HoldSubject,
		reason_hash: H256,
	) -> DispatchResult {
		with_storage_layer(|| {
			Self::ensure_hold_authority(&who)?;
			Self::ensure_holdable(subject)?;
			ensure!(!Self::is_held(subject), Error::<T>::AlreadyHeld);
			let at = Self::now();
			let deposit = Self::deposit_for(HoldRecordOf::<T>::max_encoded_len());
			Self::hold(&who, deposit)?;
			if let HoldSubject::Batch(batch) = subject {
				Self::append_paid_step(
					&batch,
					&who,
					TrailEntry::HoldPlaced { by: who.clone(), at },
				)?;
			}
			Holds::<T>::insert(subject, HoldRecord { by: who.clone(), at, reason_hash, deposit });
			Self::deposit_event(Event::HoldPlaced { subject, by: who.clone(), reason_hash });
			Ok(())
		})
	}

	/// `who` (a hold authority or regulator) releases the hold it placed, and takes note of
	/// any override of an earlier hold of its own on `subject`. A hold placed by anyone else
	/// is never lifted here. The chain extension calls this for the shipment-holds contract.
	pub fn do_release_hold(
		who: T::AccountId,
		subject: HoldSubject,
		resolution_hash: H256,
	) -> DispatchResult {
		with_storage_layer(|| Self::release_hold_in_layer(who, subject, resolution_hash))
	}

	fn release_hold_in_layer(
		who: T::AccountId,
		subject: HoldSubject,
		resolution_hash: H256,
	) -> DispatchResult {
		Self::ensure_hold_authority(&who)?;
		let hold = Holds::<T>::get(subject);
		let own = hold.as_ref().map(|hold| hold.by == who);
		let overridden = HoldOverrides::<T>::get(subject, &who);
		match (own, &overridden) {
			(Some(true), _) => {
				// The hold's deposit goes back first, so paying for the trail step that
				// records the release never fails for want of it.
				Holds::<T>::remove(subject);
				if let Some(hold) = hold {
					Self::release(&who, hold.deposit);
				}
				if let HoldSubject::Batch(batch) = subject {
					let at = Self::now();
					Self::append_paid_step(
						&batch,
						&who,
						TrailEntry::HoldReleased { by: who.clone(), at },
					)?;
				}
				Self::deposit_event(Event::HoldReleased {
					subject,
					by: who.clone(),
					resolution_hash,
				});
			}
			(_, Some(_)) => {}
			(Some(false), None) => return Err(Error::<T>::NotTheHoldPlacer.into()),
			(None, None) => return Err(Error::<T>::NotHeld.into()),
		}
		if let Some(record) = overridden {
			HoldOverrides::<T>::remove(subject, &who);
			Self::release(&record.by, record.deposit);
			Self::deposit_event(Event::HoldOverrideNoted {
				subject,
				placed_by: who,
				by: record.by,
			});
		}
		Ok(())
	}

	/// `who` (a regulator) lifts a hold someone else placed; the override is kept for the
	/// placer to see until it takes note.
	pub(crate) fn do_override_hold(
		who: T::AccountId,
		subject: HoldSubject,
		reason_hash: H256,
	) -> DispatchResult {
		Self::ensure_role(&who, &[Role::Regulator], Error::<T>::NotARegulator)?;
		let hold = Holds::<T>::get(subject).ok_or(Error::<T>::NotHeld)?;
		ensure!(hold.by != who, Error::<T>::OwnHold);
		let at = Self::now();
		let deposit = Self::deposit_for(HoldOverrideOf::<T>::max_encoded_len());
		Self::hold(&who, deposit)?;
		// A batch's override also joins its trail, paid for by the regulator.
		if let HoldSubject::Batch(batch) = subject {
			Self::append_paid_step(
				&batch,
				&who,
				TrailEntry::HoldOverridden { by: who.clone(), at },
			)?;
		}
		// An earlier override of the same placer's hold that it has not noted yet is
		// superseded: its regulator gets the deposit back.
		if let Some(earlier) = HoldOverrides::<T>::take(subject, &hold.by) {
			Self::release(&earlier.by, earlier.deposit);
		}
		// The lifted hold's deposit goes back to its placer.
		Holds::<T>::remove(subject);
		Self::release(&hold.by, hold.deposit);
		HoldOverrides::<T>::insert(
			subject,
			&hold.by,
			HoldOverride {
				placed_reason: hold.reason_hash,
				by: who.clone(),
				at,
				reason_hash,
				deposit,
			},
		);
		Self::deposit_event(Event::HoldOverridden {
			subject,
			placed_by: hold.by,
			by: who,
			reason_hash,
		});
		Ok(())
	}

	/// The hold on `subject` now, and any override of a hold `asker` had placed on it that
	/// `asker` has not taken note of: what a contract reads through the chain extension
	/// before it acts on its own record of the hold.
	pub fn hold_view(subject: HoldSubject, asker: &T::AccountId) -> HoldView<T::AccountId> {
		let hold = Holds::<T>::get(subject).map(|hold| HoldInForce {
			by: hold.by,
			at: hold.at,
			reason: hold.reason_hash.0,
		});
		let overridden =
			HoldOverrides::<T>::get(subject, asker).map(|record| (record.by, record.at));
		HoldView { hold, overridden }
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
		} else if is(Error::<T>::NotTheHoldPlacer) {
			HoldRefusal::NotYourHold
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
