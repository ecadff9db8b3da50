//! Retirement: a batch's records leave the chain once the law no longer asks to keep them.
//!
//! The EU FMD keeps a pack's records for at least a year after its expiry; after
//! `RetentionPeriod`, anyone may retire the batch. The batch record goes first, so from the
//! first call nothing can touch the batch any more (every call that would finds no batch);
//! then, a bounded amount of work per call, the trail is hashed oldest step first, removed
//! with the events about the batch and the shipments whose last batch it is, the packs, clone
//! reports, holdings, trail deposits and hold overrides are removed, and each deposit goes
//! back to whoever paid it. What stays is a [`RetiredBatch`] with the history's hash.

use super::*;
use codec::{Encode, MaxEncodedLen};
use sp_core::H256;
use sp_io::hashing::blake2_256;

/// What removing a shipment counts for, besides its events: its record is as large as
/// three holdings with their holders' balances (the benchmark's unit, see `retire_batch`).
const SHIPMENT_WORK: u32 = 3;

/// What one step of retirement did.
enum Progress {
	/// It did `work` records' worth, and there is more.
	Continue(u32),
	/// The retirement is finished.
	Finished,
}

impl<T: Config> Pallet<T> {
	/// The most work a `retire_batch` call may do, in records like a holding (removed, its
	/// deposit returned to its holder): its budget, plus the largest single step, a
	/// shipment removed with its events, its hold and an override.
	pub fn max_retire_work() -> u32 {
		T::MaxRetireItems::get()
			.saturating_add(T::MaxShipmentEvents::get())
			.saturating_add(SHIPMENT_WORK)
			.saturating_add(2)
	}

	/// `who` retires batch `id`, or goes on retiring it; returns the records' work done.
	pub(crate) fn do_retire_batch(who: T::AccountId, id: BatchId) -> Result<u32, DispatchError> {
		let (mut retired, mut work) = match RetiredBatches::<T>::get(id) {
			Some(retired) => {
				ensure!(
					!matches!(retired.state, RetirementState::Done { .. }),
					Error::<T>::AlreadyRetired
				);
				(retired, 0)
			}
			None => (Self::begin_retirement(who, id)?, 1),
		};
		while work < T::MaxRetireItems::get() {
			match Self::retire_step(&id, &mut retired) {
				Progress::Continue(done) => work = work.saturating_add(done),
				Progress::Finished => {
					work = work.saturating_add(1);
					break;
				}
			}
		}
		RetiredBatches::<T>::insert(id, retired);
		// The last step may take a call past its budget by at most a shipment with its
		// events, its hold and an override (`max_retire_work`); a shipment whose hold several
		// placers saw overridden and never noted is the one case beyond, charged as that.
		Ok(work.min(Self::max_retire_work()))
	}

	/// Check that batch `id` may be retired and take its record off: from here on it is gone
	/// for every other call.
	fn begin_retirement(
		who: T::AccountId,
		id: BatchId,
	) -> Result<RetiredBatchOf<T>, DispatchError> {
		let batch = Batches::<T>::get(id).ok_or(Error::<T>::UnknownBatch)?;
		let retirable = expiry_end(batch.expiry)
			.map(|end| end.saturating_add(T::RetentionPeriod::get()))
			.is_some_and(|from| from <= Self::now());
		ensure!(retirable, Error::<T>::RetentionNotOver);
		ensure!(batch.in_transit == 0, Error::<T>::StillInTransit);
		ensure!(!Self::is_held(HoldSubject::Batch(id)), Error::<T>::OnHold);
		Batches::<T>::remove(id);
		Self::deposit_event(Event::BatchRetirementStarted { batch: id, by: who });
		Ok(RetiredBatch {
			gtin: batch.gtin,
			lot: batch.lot.clone(),
			expiry: batch.expiry,
			manufacturer: batch.manufacturer.clone(),
			trail_steps: TrailLength::<T>::get(id),
			retired_at: Self::now(),
			state: RetirementState::Hashing {
				next_step: 0,
				hash: H256(blake2_256(&batch.encode())),
			},
			// The whole batch deposit stays held until the end: it pays for this record
			// meanwhile (no larger than the batch record with its first trail step).
			deposit: batch.deposit,
		})
	}

	/// One record's worth of retirement (or a shipment with its events).
	fn retire_step(id: &BatchId, retired: &mut RetiredBatchOf<T>) -> Progress {
		let steps = retired.trail_steps;
		match &mut retired.state {
			RetirementState::Hashing { next_step, hash } if *next_step < steps => {
				let entry = Trail::<T>::get(id, *next_step);
				let event = match &entry {
					Some(TrailEntry::Event { event }) => Events::<T>::get(event),
					_ => None,
				};
				// A trail has no gaps (try_state checks it): every step is there.
				let mut input = hash.encode();
				if let Some(entry) = &entry {
					entry.encode_to(&mut input);
				}
				event.encode_to(&mut input);
				*hash = H256(blake2_256(&input));
				*next_step = next_step.saturating_add(1);
				Progress::Continue(if event.is_some() { 2 } else { 1 })
			}
			RetirementState::Hashing { hash, .. } => {
				retired.state =
					RetirementState::RemovingTrail { next_step: 0, history_hash: *hash };
				Progress::Continue(0)
			}
			RetirementState::RemovingTrail { next_step, .. } if *next_step < steps => {
				let work = match Trail::<T>::take(id, *next_step) {
					Some(TrailEntry::Event { event }) => {
						// Events about the batch go with it; a shipment's go with the shipment.
						match Events::<T>::get(event) {
							Some(record) if record.subject == EventSubject::Batch(*id) => {
								Events::<T>::remove(event);
								Self::release(&record.recorded_by, record.deposit);
								2
							}
							_ => 1,
						}
					}
					Some(TrailEntry::Shipped { shipment, .. }) => {
						Self::retire_shipment_line(shipment).saturating_add(1)
					}
					_ => 1,
				};
				*next_step = next_step.saturating_add(1);
				Progress::Continue(work)
			}
			RetirementState::RemovingTrail { history_hash, .. } => {
				TrailLength::<T>::remove(id);
				retired.state =
					RetirementState::RemovingPacks { after: None, history_hash: *history_hash };
				Progress::Continue(0)
			}
			RetirementState::RemovingPacks { after, history_hash } => {
				let gtin = retired.gtin;
				let next = match after {
					Some(key) => Serials::<T>::iter_prefix_from(gtin, key.to_vec()).next(),
					None => Serials::<T>::iter_prefix(gtin).next(),
				};
				let Some((serial, pack)) = next else {
					retired.state = RetirementState::RemovingRest { history_hash: *history_hash };
					return Progress::Continue(0);
				};
				let key = Serials::<T>::hashed_key_for(gtin, &serial);
				// A pack's key is at most MAX_STORAGE_KEY bytes; were it ever longer, the walk
				// would restart from the product's first pack, which is slower, never wrong.
				*after = key.try_into().ok();
				if pack.batch == *id {
					Serials::<T>::remove(gtin, &serial);
					Self::release(&retired.manufacturer, pack.deposit);
				}
				Progress::Continue(1)
			}
			RetirementState::RemovingRest { history_hash } => {
				if let Some((_pack, reports)) = CloneReports::<T>::drain_prefix(id).next() {
					for report in reports {
						OpenReports::<T>::mutate_exists(&report.by, |open| {
							*open = open.map(|n| n.saturating_sub(1)).filter(|n| *n > 0)
						});
						Self::release(&report.by, report.deposit);
					}
					return Progress::Continue(1);
				}
				if let Some((holder, holding)) = Stock::<T>::drain_prefix(id).next() {
					Self::release(&holder, holding.deposit);
					return Progress::Continue(1);
				}
				if let Some((payer, deposit)) = TrailDeposits::<T>::drain_prefix(id).next() {
					Self::release(&payer, deposit);
					return Progress::Continue(1);
				}
				let subject = HoldSubject::Batch(*id);
				if let Some((_placer, record)) = HoldOverrides::<T>::drain_prefix(subject).next() {
					Self::release(&record.by, record.deposit);
					return Progress::Continue(1);
				}
				ReportedPacks::<T>::remove(id);
				let history_hash = *history_hash;
				retired.state = RetirementState::Done { history_hash };
				// The record that stays keeps that much of the batch deposit; the rest goes
				// back.
				let kept =
					Self::deposit_for(RetiredBatchOf::<T>::max_encoded_len()).min(retired.deposit);
				Self::release(&retired.manufacturer, retired.deposit.saturating_sub(kept));
				retired.deposit = kept;
				Self::deposit_event(Event::BatchRetired { batch: *id, history_hash });
				Progress::Finished
			}
			RetirementState::Done { .. } => Progress::Finished,
		}
	}

	/// One of `id`'s batches is retired: with the last, the shipment goes, with its events and
	/// any override of a hold on it, and their deposits go back. Returns the work it did.
	fn retire_shipment_line(id: ShipmentId) -> u32 {
		let Some(mut shipment) = Shipments::<T>::get(id) else { return 0 };
		shipment.retired_lines = shipment.retired_lines.saturating_add(1);
		if (shipment.retired_lines as usize) < shipment.lines.len() {
			Shipments::<T>::insert(id, shipment);
			return 0;
		}
		Shipments::<T>::remove(id);
		Self::release(&shipment.sender, shipment.deposit.saturating_add(shipment.reserve));
		let mut removed = SHIPMENT_WORK;
		for event in ShipmentEvents::<T>::take(id) {
			if let Some(record) = Events::<T>::take(event) {
				Self::release(&record.recorded_by, record.deposit);
				removed = removed.saturating_add(1);
			}
		}
		// A shipment is held only in transit, and a retired batch has none in transit; an
		// override a placer never noted may remain.
		let subject = HoldSubject::Shipment(id);
		if let Some(hold) = Holds::<T>::take(subject) {
			Self::release(&hold.by, hold.deposit);
		}
		for (_placer, record) in HoldOverrides::<T>::drain_prefix(subject) {
			Self::release(&record.by, record.deposit);
			removed = removed.saturating_add(1);
		}
		removed
	}
}
