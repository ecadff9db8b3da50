//! The end of the chain: verifying, scanning and decommissioning packs.

use super::*;

impl<T: Config> Pallet<T> {
	/// The verdict on a pack, read from its printed GTIN, serial, lot and expiry, at `now`.
	/// Worse news first: unknown or mismatched packs are suspect; a recall outranks a
	/// decommissioning, which outranks a hold, which outranks expiry.
	pub fn verify_pack(
		gtin: u64,
		serial: &SerialNumber,
		lot: &Lot,
		expiry: ExpiryDate,
		now: Moment,
	) -> Verdict {
		let Ok(gtin) = Gtin::new(gtin) else { return Verdict::Unknown };
		let Some(pack) = Serials::<T>::get(gtin, serial) else { return Verdict::Unknown };
		let Some(batch) = Batches::<T>::get(pack.batch) else { return Verdict::Unknown };
		if &batch.lot != lot || batch.expiry != expiry {
			return Verdict::Mismatch;
		}
		if batch.recall.is_some() {
			return Verdict::Recalled;
		}
		if let SerialState::Decommissioned { reason, .. } = pack.state {
			return Verdict::Decommissioned(reason);
		}
		let shipment_held = match pack.state {
			SerialState::InTransit(shipment) => Self::is_held(HoldSubject::Shipment(shipment)),
			_ => false,
		};
		if pack.suspect.is_some() || shipment_held || Self::is_held(HoldSubject::Batch(pack.batch))
		{
			return Verdict::OnHold;
		}
		if expiry_end(batch.expiry).is_none_or(|end| end <= now) {
			return Verdict::Expired;
		}
		Verdict::Authentic
	}

	/// `who` scans a pack: its verdict is evented, and a clone signal makes it suspect.
	pub(crate) fn do_scan(
		who: T::AccountId,
		gtin: u64,
		serial: SerialNumber,
		lot: Lot,
		expiry: ExpiryDate,
	) -> Result<Verdict, DispatchError> {
		ensure!(T::Participants::is_active(&who), Error::<T>::NotAParticipant);
		let gtin = Self::gtin(gtin)?;
		// The pack with its batch's manufacturer, if the printed lot and expiry match.
		let faithful = Serials::<T>::get(gtin, &serial).and_then(|pack| {
			Batches::<T>::get(pack.batch)
				.filter(|b| b.lot == lot && b.expiry == expiry)
				.map(|b| (pack, b.manufacturer))
		});
		// Only those who handle packs in the supply chain raise clone signals, and only for a
		// pack whose printed lot and expiry match the record (a faithful copy); regulators and
		// auditors inspect packs anywhere without raising them.
		let handler = T::Participants::has_any_role(
			&who,
			&[Role::Manufacturer, Role::Wholesaler, Role::Pharmacy, Role::Hospital],
		);
		if let Some((pack, manufacturer)) = faithful.filter(|_| handler) {
			let signal = match &pack.state {
				SerialState::Decommissioned { by, .. } if *by != who => {
					Some(CloneSignal::ScannedAfterDecommission)
				}
				SerialState::Active
					if pack.custodian != who && Self::units_held(&pack.batch, &who) == 0 =>
				{
					Some(CloneSignal::ScannedElsewhere)
				}
				// On its way, it can only be with its sender or receiver (who may inspect it
				// on arrival before receiving it).
				SerialState::InTransit(shipment)
					if Self::units_held(&pack.batch, &who) == 0
						&& Shipments::<T>::get(shipment)
							.is_some_and(|s| s.sender != who && s.receiver != who) =>
				{
					Some(CloneSignal::ScannedElsewhere)
				}
				_ => None,
			};
			if let Some(signal) = signal {
				let key = PackId { gtin, serial: serial.clone() };
				Self::report_clone(&who, key, pack, manufacturer, signal)?;
			}
		}
		let verdict = Self::verify_pack(gtin.get(), &serial, &lot, expiry, Self::now());
		Self::deposit_event(Event::Scanned { gtin, serial, by: who, verdict });
		Ok(verdict)
	}

	/// `who` (a pharmacy or hospital holding the pack's batch) decommissions a pack.
	pub(crate) fn do_decommission(
		who: T::AccountId,
		gtin: u64,
		serial: SerialNumber,
		reason: DecommissionReason,
	) -> DispatchResult {
		Self::ensure_role(&who, &[Role::Pharmacy, Role::Hospital], Error::<T>::NotADispenser)?;
		let gtin = Self::gtin(gtin)?;
		let mut pack = Serials::<T>::get(gtin, &serial).ok_or(Error::<T>::UnknownSerial)?;
		match pack.state {
			SerialState::Active => {}
			SerialState::Decommissioned { .. } => {
				return Err(Error::<T>::AlreadyDecommissioned.into())
			}
			SerialState::InTransit(_) => return Err(Error::<T>::NotTheCustodian.into()),
		}
		ensure!(pack.suspect.is_none(), Error::<T>::OnHold);
		ensure!(!Self::is_held(HoldSubject::Batch(pack.batch)), Error::<T>::OnHold);
		let mut batch = Batches::<T>::get(pack.batch).ok_or(Error::<T>::UnknownBatch)?;
		// A recalled pack may be destroyed or handed to an authority, never dispensed.
		ensure!(
			batch.recall.is_none() || reason != DecommissionReason::Dispensed,
			Error::<T>::BatchRecalled
		);
		let now = Self::now();
		ensure!(
			reason != DecommissionReason::Dispensed
				|| expiry_end(batch.expiry).is_some_and(|end| now < end),
			Error::<T>::Expired
		);
		ensure!(
			pack.custodian == who && Self::named_held(&pack.batch, &who) > 0,
			Error::<T>::NotTheCustodian
		);

		Self::take_units(&pack.batch, &who, 1, 1);
		batch.decommissioned = batch.decommissioned.saturating_add(1);
		Batches::<T>::insert(pack.batch, batch);
		pack.state = SerialState::Decommissioned { reason, by: who, at: now };
		Serials::<T>::insert(gtin, &serial, pack);
		Self::deposit_event(Event::Decommissioned { gtin, serial, reason });
		Ok(())
	}

	/// `who` reverses its own decommissioning of a pack within the window.
	pub(crate) fn do_reverse_decommission(
		who: T::AccountId,
		gtin: u64,
		serial: SerialNumber,
	) -> DispatchResult {
		Self::ensure_role(&who, &[Role::Pharmacy, Role::Hospital], Error::<T>::NotADispenser)?;
		let gtin = Self::gtin(gtin)?;
		let mut pack = Serials::<T>::get(gtin, &serial).ok_or(Error::<T>::UnknownSerial)?;
		let SerialState::Decommissioned { by, at, .. } = &pack.state else {
			return Err(Error::<T>::NotDecommissioned.into());
		};
		ensure!(*by == who, Error::<T>::NotTheDecommissioner);
		ensure!(
			Self::now() < at.saturating_add(T::ReversalWindow::get()),
			Error::<T>::ReversalWindowOver
		);
		// A batch being retired takes no units back.
		let mut batch = Batches::<T>::get(pack.batch).ok_or(Error::<T>::UnknownBatch)?;
		// The pack back in hand may need a new holding, which its holder pays for.
		Self::add_units(&pack.batch, &who, 1, 1, &mut Zero::zero())?;
		batch.decommissioned = batch.decommissioned.saturating_sub(1);
		Batches::<T>::insert(pack.batch, batch);
		pack.state = SerialState::Active;
		Serials::<T>::insert(gtin, &serial, pack);
		Self::deposit_event(Event::DecommissionReversed { gtin, serial });
		Ok(())
	}
}
