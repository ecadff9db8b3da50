//! Clone reports: a pack seen where it cannot be is reported, and frozen only when the
//! signal is corroborated, so that no single party can freeze goods it does not hold.
//!
//! A report by a party holding no units of the pack's batch is recorded, counted and evented
//! to the pack's custodian and manufacturer. The pack becomes suspect on a second report by
//! another party, at once on a report by a holder of the batch, or when a regulator confirms
//! a report. Each report holds a deposit from its reporter that grows with the reports the
//! reporter has open, so mass reporting costs more with every pack; regulators close
//! reports pack by pack or batch by batch, and the deposits go back.

use super::*;
use codec::MaxEncodedLen;

impl<T: Config> Pallet<T> {
	/// `who` reports `signal` on `pack` (whose record is `serial`, made by `manufacturer`);
	/// freezes it if the signal is corroborated. A reporter is counted once per pack, and a suspect pack takes no
	/// more reports.
	pub(crate) fn report_clone(
		who: &T::AccountId,
		pack: PackId,
		mut serial: SerialOf<T>,
		manufacturer: T::AccountId,
		signal: CloneSignal,
	) -> DispatchResult {
		let mut reports = CloneReports::<T>::get(serial.batch, &pack).unwrap_or_default();
		if serial.suspect.is_some() || reports.iter().any(|report| &report.by == who) {
			return Ok(());
		}
		if reports.is_empty() {
			ensure!(
				ReportedPacks::<T>::get(serial.batch) < T::MaxReportedPacksPerBatch::get(),
				Error::<T>::TooManyReports
			);
		}
		let open = OpenReports::<T>::get(who);
		let deposit = Self::report_deposit(open);
		let report = CloneReport { by: who.clone(), signal, at: Self::now(), deposit };
		// At most CORROBORATING_REPORTS are ever open on a pack: the last one freezes it.
		reports.try_push(report).map_err(|_| Error::<T>::TooManyReports)?;
		Self::hold(who, deposit)?;

		if reports.len() == 1 {
			ReportedPacks::<T>::mutate(serial.batch, |packs| *packs = packs.saturating_add(1));
		}
		OpenReports::<T>::insert(who, open.saturating_add(1));
		let count = reports.len() as u32;
		Self::deposit_event(Event::CloneReported {
			gtin: pack.gtin,
			serial: pack.serial.clone(),
			by: who.clone(),
			signal,
			custodian: serial.custodian.clone(),
			manufacturer,
			reports: count,
		});
		// A holder of the batch has the pack's batch in hand: its own signal is enough.
		let holds_batch = Self::units_held(&serial.batch, who) > 0;
		let batch = serial.batch;
		if holds_batch || count >= CORROBORATING_REPORTS {
			serial.suspect = Some(signal);
			Serials::<T>::insert(pack.gtin, &pack.serial, serial);
			Self::deposit_event(Event::CloneSuspected {
				gtin: pack.gtin,
				serial: pack.serial.clone(),
				by: who.clone(),
				signal,
			});
		}
		CloneReports::<T>::insert(batch, &pack, reports);
		Ok(())
	}

	/// The deposit of a reporter's next report when it has `open` reports open: the bytes it
	/// stores (the report, its share of the pack's entry and both counters), once for the
	/// report and once more for each report already open.
	pub(crate) fn report_deposit(open: u32) -> BalanceOf<T> {
		let bytes = CloneReportOf::<T>::max_encoded_len()
			+ PackId::max_encoded_len()
			+ 2 * u32::max_encoded_len();
		Self::deposit_for(bytes).saturating_mul(BalanceOf::<T>::from(open.saturating_add(1)))
	}

	/// The pack (its key and record) a regulator `who` acts on.
	fn regulators_pack(
		who: &T::AccountId,
		gtin: u64,
		serial: &SerialNumber,
	) -> Result<(PackId, SerialOf<T>), DispatchError> {
		Self::ensure_role(who, &[Role::Regulator], Error::<T>::NotARegulator)?;
		let gtin = Self::gtin(gtin)?;
		let pack = Serials::<T>::get(gtin, serial).ok_or(Error::<T>::UnknownSerial)?;
		Ok((PackId { gtin, serial: serial.clone() }, pack))
	}

	/// A regulator confirms a pack's open report: the pack is suspect at once.
	pub(crate) fn do_confirm_clone_report(
		who: T::AccountId,
		gtin: u64,
		serial: SerialNumber,
	) -> DispatchResult {
		let (key, mut pack) = Self::regulators_pack(&who, gtin, &serial)?;
		let gtin = key.gtin;
		ensure!(pack.suspect.is_none(), Error::<T>::AlreadySuspect);
		let signal = CloneReports::<T>::get(pack.batch, &key)
			.and_then(|reports| reports.first().map(|report| report.signal))
			.ok_or(Error::<T>::NoCloneReport)?;
		pack.suspect = Some(signal);
		Serials::<T>::insert(gtin, &serial, pack);
		Self::deposit_event(Event::CloneSuspected { gtin, serial, by: who, signal });
		Ok(())
	}

	/// A regulator clears a pack: not suspect any more, its reports closed.
	pub(crate) fn do_clear_suspect(
		who: T::AccountId,
		gtin: u64,
		serial: SerialNumber,
	) -> DispatchResult {
		let (key, mut pack) = Self::regulators_pack(&who, gtin, &serial)?;
		let gtin = key.gtin;
		let reports = CloneReports::<T>::take(pack.batch, &key);
		ensure!(pack.suspect.is_some() || reports.is_some(), Error::<T>::NotSuspect);
		if let Some(reports) = reports {
			Self::close_reports(reports);
			ReportedPacks::<T>::mutate_exists(pack.batch, |packs| {
				*packs = packs.map(|n| n.saturating_sub(1)).filter(|n| *n > 0)
			});
		}
		if pack.suspect.take().is_some() {
			Serials::<T>::insert(gtin, &serial, pack);
		}
		Self::deposit_event(Event::SuspectCleared { gtin, serial });
		Ok(())
	}

	/// A regulator clears every reported pack of a batch; returns how many there were.
	pub(crate) fn do_clear_batch_suspects(
		who: T::AccountId,
		batch: BatchId,
	) -> Result<u32, DispatchError> {
		Self::ensure_role(&who, &[Role::Regulator], Error::<T>::NotARegulator)?;
		ensure!(Batches::<T>::contains_key(batch), Error::<T>::UnknownBatch);
		ensure!(ReportedPacks::<T>::contains_key(batch), Error::<T>::NotSuspect);
		let mut packs = 0u32;
		// Every suspect pack has an open report, so the reports find them all; there are at
		// most `MaxReportedPacksPerBatch`.
		for (key, reports) in CloneReports::<T>::drain_prefix(batch) {
			packs = packs.saturating_add(1);
			Self::close_reports(reports);
			Serials::<T>::mutate(key.gtin, &key.serial, |pack| {
				if let Some(pack) = pack {
					pack.suspect = None;
				}
			});
		}
		ReportedPacks::<T>::remove(batch);
		Self::deposit_event(Event::BatchSuspectsCleared { batch, packs });
		Ok(packs)
	}

	/// Return reports' deposits and take them off their reporters' open counts.
	fn close_reports(reports: PackReportsOf<T>) {
		for report in reports {
			Self::release(&report.by, report.deposit);
			OpenReports::<T>::mutate_exists(&report.by, |open| {
				*open = open.map(|n| n.saturating_sub(1)).filter(|n| *n > 0)
			});
		}
	}
}
