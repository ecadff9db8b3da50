//! The invariants of drug tracking, checked by try-runtime and after every unit test.

use super::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::fungible::InspectHold;
use sp_runtime::TryRuntimeError;

#[derive(Default)]
struct Units {
	serials: u32,
	decommissioned_serials: u32,
	held: u64,
	in_transit: u64,
	shipments: u32,
}

impl<T: Config> Pallet<T> {
	/// Check that every unit of every batch is in exactly one place, serial counts equal what
	/// was commissioned, in-transit custody agrees between shipments and packs, indexes point
	/// at what exists, and every deposit is held exactly.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut units: BTreeMap<BatchId, Units> = BTreeMap::new();
		// Packs active with each holder, by name.
		let mut named_with: BTreeMap<(BatchId, T::AccountId), u32> = BTreeMap::new();
		let mut owed: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut owe = |who: &T::AccountId, amount: BalanceOf<T>| {
			let entry = owed.entry(who.clone()).or_default();
			*entry = entry.saturating_add(amount);
		};

		// A batch being retired has no record, and its other records go one by one.
		let retiring = |batch: &BatchId| {
			RetiredBatches::<T>::get(batch)
				.is_some_and(|r| !matches!(r.state, RetirementState::Done { .. }))
		};
		for (batch, retired) in RetiredBatches::<T>::iter() {
			ensure!(!Batches::<T>::contains_key(batch), "a retired batch is still on record");
			owe(&retired.manufacturer, retired.deposit);
			if matches!(retired.state, RetirementState::Done { .. }) {
				ensure!(
					!TrailLength::<T>::contains_key(batch)
						&& Stock::<T>::iter_prefix(batch).next().is_none()
						&& TrailDeposits::<T>::iter_prefix(batch).next().is_none()
						&& CloneReports::<T>::iter_prefix(batch).next().is_none(),
					"a retired batch left records behind"
				);
			}
		}
		for (batch, length) in TrailLength::<T>::iter() {
			ensure!(Batches::<T>::contains_key(batch) || retiring(&batch), "a trail of no batch");
			if retiring(&batch) {
				continue;
			}
			ensure!(
				(0..length).all(|step| Trail::<T>::contains_key(batch, step))
					&& !Trail::<T>::contains_key(batch, length),
				"a trail with gaps or steps past its length"
			);
		}

		for (_, product) in Products::<T>::iter() {
			owe(&product.manufacturer, product.deposit);
		}
		for (gtin, number, serial) in Serials::<T>::iter() {
			if retiring(&serial.batch) {
				let retired = RetiredBatches::<T>::get(serial.batch).ok_or("no retirement")?;
				owe(&retired.manufacturer, serial.deposit);
				continue;
			}
			let batch = Batches::<T>::get(serial.batch).ok_or("a pack of no batch")?;
			ensure!(batch.gtin == gtin, "a pack filed under another GTIN than its batch's");
			if serial.suspect.is_some() {
				let key = PackId { gtin, serial: number.clone() };
				ensure!(
					CloneReports::<T>::contains_key(serial.batch, key),
					"a suspect pack with no open report"
				);
			}
			let count = units.entry(serial.batch).or_default();
			count.serials += 1;
			match serial.state {
				SerialState::Decommissioned { .. } => count.decommissioned_serials += 1,
				SerialState::InTransit(id) => {
					let shipment =
						Shipments::<T>::get(id).ok_or("a pack in transit on no shipment")?;
					ensure!(
						shipment.status == ShipmentStatus::InTransit
							&& shipment.packs.iter().any(|p| p.gtin == gtin && p.serial == number),
						"a pack in transit on a shipment that does not carry it"
					);
				}
				SerialState::Active => {
					*named_with.entry((serial.batch, serial.custodian.clone())).or_default() += 1;
				}
			}
			owe(&batch.manufacturer, serial.deposit);
		}
		// Each holding counts the packs its holder has by name, never more than its units.
		for (batch, holder, holding) in Stock::<T>::iter() {
			owe(&holder, holding.deposit);
			if retiring(&batch) {
				continue;
			}
			ensure!(holding.units > 0, "an empty holding is stored");
			ensure!(Batches::<T>::contains_key(batch), "stock of no batch");
			ensure!(
				named_with.remove(&(batch, holder)).unwrap_or(0) == holding.named,
				"a holder's count of packs by name is wrong"
			);
			ensure!(holding.named <= holding.units, "a holder has more packs by name than units");
			units.entry(batch).or_default().held += u64::from(holding.units);
		}
		ensure!(named_with.is_empty(), "packs by name with a holder that holds none");
		for (batch, payer, deposit) in TrailDeposits::<T>::iter() {
			ensure!(
				Batches::<T>::contains_key(batch) || retiring(&batch),
				"a trail deposit for no batch"
			);
			owe(&payer, deposit);
		}
		for (id, shipment) in Shipments::<T>::iter() {
			ensure!(id < NextShipmentId::<T>::get(), "a shipment number not yet issued");
			ensure!(
				(shipment.retired_lines as usize) < shipment.lines.len(),
				"a shipment outlived all its batches"
			);
			if shipment.status == ShipmentStatus::InTransit {
				for line in &shipment.lines {
					let count = units.entry(line.batch).or_default();
					count.in_transit += u64::from(line.quantity);
					count.shipments += 1;
				}
				for pack in &shipment.packs {
					let serial = Serials::<T>::get(pack.gtin, &pack.serial)
						.ok_or("a shipment carries no such pack")?;
					ensure!(
						serial.state == SerialState::InTransit(id),
						"a pack on a shipment in transit is elsewhere"
					);
				}
			} else {
				ensure!(shipment.reserve.is_zero(), "a settled shipment keeps its reserve");
				if matches!(shipment.status, ShipmentStatus::Received { .. }) {
					ensure!(
						shipment.counted.len() == shipment.lines.len(),
						"a received shipment without its counts"
					);
				}
			}
			owe(&shipment.sender, shipment.deposit.saturating_add(shipment.reserve));
		}
		for (id, batch) in Batches::<T>::iter() {
			let count = units.remove(&id).unwrap_or_default();
			ensure!(count.serials == batch.commissioned, "serials differ from those commissioned");
			ensure!(batch.commissioned <= batch.quantity, "more serials than units");
			ensure!(
				count.decommissioned_serials == batch.decommissioned,
				"decommissioned packs differ from the batch's count"
			);
			let accounted = count.held
				+ count.in_transit
				+ u64::from(batch.decommissioned)
				+ u64::from(batch.missing);
			ensure!(accounted == u64::from(batch.quantity), "units of a batch are lost or doubled");
			ensure!(
				count.shipments == batch.in_transit,
				"a batch's count of shipments in transit is wrong"
			);
			owe(&batch.manufacturer, batch.deposit);
		}
		ensure!(units.is_empty(), "units of no batch");
		for (id, event) in Events::<T>::iter() {
			ensure!(id < NextEventId::<T>::get(), "an event number not yet issued");
			if let Some(corrected) = event.corrects {
				ensure!(corrected < id, "an event corrects a later one");
			}
			owe(&event.recorded_by, event.deposit);
		}
		for (shipment, events) in ShipmentEvents::<T>::iter() {
			for event in events {
				ensure!(
					Events::<T>::get(event)
						.is_some_and(|e| e.subject == EventSubject::Shipment(shipment)),
					"a shipment lists another shipment's or no event"
				);
			}
		}
		let exists = |subject: HoldSubject| match subject {
			HoldSubject::Batch(id) => Batches::<T>::contains_key(id) || retiring(&id),
			HoldSubject::Shipment(id) => Shipments::<T>::contains_key(id),
		};
		for (subject, hold) in Holds::<T>::iter() {
			ensure!(exists(subject), "a hold on nothing");
			owe(&hold.by, hold.deposit);
		}
		for (subject, placed_by, record) in HoldOverrides::<T>::iter() {
			ensure!(exists(subject), "an override of a hold on nothing");
			ensure!(record.by != placed_by, "a regulator overrode its own hold");
			owe(&record.by, record.deposit);
		}
		// Clone reports: counted per batch and per reporter (every suspect pack has one, above).
		let mut reported: BTreeMap<BatchId, u32> = BTreeMap::new();
		let mut open: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (batch, pack, reports) in CloneReports::<T>::iter() {
			ensure!(!reports.is_empty(), "an empty list of clone reports is stored");
			// A retiring batch's packs go before their reports.
			if !retiring(&batch) {
				let serial = Serials::<T>::get(pack.gtin, &pack.serial)
					.ok_or("a clone report on no pack")?;
				ensure!(serial.batch == batch, "a clone report filed under another batch");
			}
			// A retiring batch's reports go one by one, its count at the end.
			if !retiring(&batch) {
				*reported.entry(batch).or_default() += 1;
			}
			for (i, report) in reports.iter().enumerate() {
				ensure!(
					!reports[..i].iter().any(|other| other.by == report.by),
					"a reporter counted twice on one pack"
				);
				*open.entry(report.by.clone()).or_default() += 1;
				owe(&report.by, report.deposit);
			}
		}
		for (batch, packs) in ReportedPacks::<T>::iter() {
			if retiring(&batch) {
				continue;
			}
			ensure!(
				reported.remove(&batch) == Some(packs),
				"a batch's count of reported packs is wrong"
			);
			ensure!(packs <= T::MaxReportedPacksPerBatch::get(), "too many reported packs");
		}
		ensure!(reported.is_empty(), "reported packs of a batch are not counted");
		for (who, count) in OpenReports::<T>::iter() {
			ensure!(
				open.remove(&who) == Some(count),
				"a reporter's count of open reports is wrong"
			);
		}
		ensure!(open.is_empty(), "a reporter's open reports are not counted");
		let reason = HoldReason::StorageDeposit.into();
		for (who, amount) in owed {
			ensure!(
				T::Currency::balance_on_hold(&reason, &who) == amount,
				"a deposit is not held exactly"
			);
		}
		Ok(())
	}
}
