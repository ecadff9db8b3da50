//! Shipments: custody moves in two phases, ship then receive (or reject).

use super::*;
use codec::Encode;
use sp_core::H256;

impl<T: Config> Pallet<T> {
	/// `sender` ships units it holds along `route`; returns the shipment's number.
	pub(crate) fn do_ship(
		sender: T::AccountId,
		route: RouteOf<T>,
		lines: LinesOf<T>,
		packs: PacksOf<T>,
	) -> Result<ShipmentId, DispatchError> {
		let Route { receiver, carrier, expected_arrival, temperature } = route;
		ensure!(T::Participants::is_active(&sender), Error::<T>::NotAParticipant);
		ensure!(T::Participants::is_active(&receiver), Error::<T>::ReceiverNotAParticipant);
		ensure!(sender != receiver, Error::<T>::ShipToSelf);
		if let Some(carrier) = &carrier {
			ensure!(T::Participants::has_role(carrier, Role::Carrier), Error::<T>::NotACarrier);
		}
		ensure!(!lines.is_empty(), Error::<T>::NoLines);
		ensure!(temperature.min <= temperature.max, Error::<T>::InvalidTemperatureRange);
		let now = Self::now();
		ensure!(expected_arrival > now, Error::<T>::ArrivalInPast);
		// Terms a sender could use to blind the rules: a range wider than the product may be
		// kept at, or an arrival too far away ever to be late.
		ensure!(
			expected_arrival <= now.saturating_add(T::MaxTransit::get()),
			Error::<T>::ArrivalTooFar
		);
		// Named packs: active, not suspect, and no more per batch than its line carries.
		let mut named: alloc::collections::btree_map::BTreeMap<BatchId, u32> = Default::default();
		for (i, pack) in packs.iter().enumerate() {
			ensure!(!packs[..i].contains(pack), Error::<T>::PackNotShippable);
			let serial =
				Serials::<T>::get(pack.gtin, &pack.serial).ok_or(Error::<T>::UnknownSerial)?;
			ensure!(serial.suspect.is_none(), Error::<T>::OnHold);
			ensure!(serial.custodian == sender, Error::<T>::PackNotShippable);
			let count = named.entry(serial.batch).or_default();
			*count = count.saturating_add(1);
			let line = lines.iter().find(|l| l.batch == serial.batch);
			ensure!(
				serial.state == SerialState::Active && line.is_some_and(|l| *count <= l.quantity),
				Error::<T>::PackNotShippable
			);
		}

		for (i, line) in lines.iter().enumerate() {
			ensure!(
				line.quantity > 0 && !lines[..i].iter().any(|l| l.batch == line.batch),
				Error::<T>::InvalidLine
			);
			let batch = Self::movable_batch(&line.batch)?;
			let product = Products::<T>::get(batch.gtin).ok_or(Error::<T>::UnknownProduct)?;
			ensure!(
				product.storage.min <= temperature.min && temperature.max <= product.storage.max,
				Error::<T>::OutsideStorageRange
			);
			// Units beyond the packs it names must come from what it holds without names.
			let held = Self::units_held(&line.batch, &sender);
			let keeps_named = Self::named_held(&line.batch, &sender)
				.saturating_sub(named.get(&line.batch).copied().unwrap_or(0));
			ensure!(
				held >= line.quantity && held - line.quantity >= keeps_named,
				Error::<T>::InsufficientStock
			);
		}
		let id = NextShipmentId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let mut shipment = Shipment {
			sender: sender.clone(),
			receiver: receiver.clone(),
			carrier: carrier.clone(),
			lines,
			packs,
			counted: Default::default(),
			shipped_at: now,
			expected_arrival,
			temperature,
			status: ShipmentStatus::InTransit,
			deposit: Zero::zero(),
			reserve: Zero::zero(),
			retired_lines: 0,
		};
		// Paid at its largest (received: counts and status) with a trail step per line for
		// shipping and one for its receipt or rejection. A rejection gives the units back,
		// and the sender may need its holding of each batch again: that is reserved now, so
		// that a receiver can always refuse a shipment.
		let grows_by = shipment.lines.len() * 4 + 41;
		let steps = shipment.lines.len() * 2 * Self::trail_step_bytes();
		shipment.deposit = Self::deposit_for(shipment.encoded_size() + grows_by + steps);
		shipment.reserve =
			Self::holding_deposit().saturating_mul((shipment.lines.len() as u32).into());
		Self::hold(&sender, shipment.deposit.saturating_add(shipment.reserve))?;
		for line in &shipment.lines {
			let named_on_line = named.get(&line.batch).copied().unwrap_or(0);
			Self::take_units(&line.batch, &sender, line.quantity, named_on_line);
			Batches::<T>::mutate(line.batch, |batch| {
				if let Some(batch) = batch {
					batch.in_transit = batch.in_transit.saturating_add(1);
				}
			});
			Self::append_trail(
				&line.batch,
				TrailEntry::Shipped {
					shipment: id,
					from: sender.clone(),
					to: receiver.clone(),
					quantity: line.quantity,
					at: now,
				},
			);
		}
		for pack in &shipment.packs {
			Serials::<T>::mutate(pack.gtin, &pack.serial, |serial| {
				if let Some(serial) = serial {
					serial.state = SerialState::InTransit(id);
				}
			});
		}
		NextShipmentId::<T>::put(next);
		Shipments::<T>::insert(id, shipment);
		Self::deposit_event(Event::Shipped {
			shipment: id,
			sender,
			receiver,
			carrier,
			expected_arrival,
		});
		Ok(id)
	}

	/// The receiver receives a shipment with the units it counted per line; returns how many
	/// lines and named packs it had.
	pub(crate) fn do_receive(
		who: T::AccountId,
		id: ShipmentId,
		counted: CountsOf<T>,
	) -> Result<(u32, u32), DispatchError> {
		let mut shipment = Self::arrived(&who, id)?;
		for line in &shipment.lines {
			Self::movable_batch(&line.batch)?;
		}
		ensure!(
			counted.len() == shipment.lines.len()
				&& counted.iter().zip(&shipment.lines).all(|(c, l)| *c <= l.quantity),
			Error::<T>::InvalidCounts
		);
		// Packs named on the shipment arrived by name: a count below them is a mistake.
		let mut named: alloc::collections::btree_map::BTreeMap<BatchId, u32> = Default::default();
		for pack in &shipment.packs {
			if let Some(serial) = Serials::<T>::get(pack.gtin, &pack.serial) {
				*named.entry(serial.batch).or_default() += 1;
			}
		}
		for (line, count) in shipment.lines.iter().zip(&counted) {
			let on_line = named.get(&line.batch).copied().unwrap_or(0);
			ensure!(on_line <= *count, Error::<T>::InvalidCounts);
		}
		let now = Self::now();
		let mut short = false;
		for (line, count) in shipment.lines.iter().zip(&counted) {
			// A new holding is the receiver's, and so is its deposit.
			let on_line = named.get(&line.batch).copied().unwrap_or(0);
			Self::add_units(&line.batch, &who, *count, on_line, &mut Zero::zero())?;
			Batches::<T>::mutate(line.batch, |batch| {
				if let Some(batch) = batch {
					batch.in_transit = batch.in_transit.saturating_sub(1);
					batch.missing = batch.missing.saturating_add(line.quantity - count);
				}
			});
			if *count < line.quantity {
				short = true;
				Self::deposit_event(Event::QuantityMismatch {
					shipment: id,
					batch: line.batch,
					shipped: line.quantity,
					counted: *count,
				});
			}
			Self::append_trail(
				&line.batch,
				TrailEntry::Received { shipment: id, by: who.clone(), quantity: *count, at: now },
			);
		}
		for pack in &shipment.packs {
			Serials::<T>::mutate(pack.gtin, &pack.serial, |serial| {
				if let Some(serial) = serial {
					serial.state = SerialState::Active;
					serial.custodian = who.clone();
				}
			});
		}
		// The sender's reserve was for a rejection: it goes back.
		Self::release(&shipment.sender, core::mem::take(&mut shipment.reserve));
		let late = now > shipment.expected_arrival;
		if late {
			Self::deposit_event(Event::LateArrival {
				shipment: id,
				expected: shipment.expected_arrival,
				arrived: now,
			});
		}
		shipment.status = ShipmentStatus::Received { at: now, late, short };
		shipment.counted = counted;
		let size = Self::shipment_size(&shipment);
		Shipments::<T>::insert(id, shipment);
		Self::deposit_event(Event::Received { shipment: id, receiver: who });
		Ok(size)
	}

	/// The receiver refuses a shipment: everything goes back to the sender. Returns how many
	/// lines and named packs it had.
	pub(crate) fn do_reject(
		who: T::AccountId,
		id: ShipmentId,
		reason_hash: H256,
	) -> Result<(u32, u32), DispatchError> {
		let mut shipment = Self::arrived(&who, id)?;
		for line in &shipment.lines {
			ensure!(!Self::is_held(HoldSubject::Batch(line.batch)), Error::<T>::OnHold);
		}
		let now = Self::now();
		let mut named: alloc::collections::btree_map::BTreeMap<BatchId, u32> = Default::default();
		for pack in &shipment.packs {
			Serials::<T>::mutate(pack.gtin, &pack.serial, |serial| {
				if let Some(serial) = serial {
					serial.state = SerialState::Active;
					*named.entry(serial.batch).or_default() += 1;
				}
			});
		}
		// The sender's holdings come back paid for by the reserve it set aside at shipping.
		let mut reserve = core::mem::take(&mut shipment.reserve);
		for line in &shipment.lines {
			let on_line = named.get(&line.batch).copied().unwrap_or(0);
			Self::add_units(&line.batch, &shipment.sender, line.quantity, on_line, &mut reserve)?;
			Batches::<T>::mutate(line.batch, |batch| {
				if let Some(batch) = batch {
					batch.in_transit = batch.in_transit.saturating_sub(1);
				}
			});
			Self::append_trail(
				&line.batch,
				TrailEntry::Rejected { shipment: id, by: who.clone(), at: now },
			);
		}
		Self::release(&shipment.sender, reserve);
		shipment.status = ShipmentStatus::Rejected { at: now, reason_hash };
		let size = Self::shipment_size(&shipment);
		Shipments::<T>::insert(id, shipment);
		Self::deposit_event(Event::Rejected { shipment: id, receiver: who, reason_hash });
		Ok(size)
	}

	/// A shipment's lines and named packs: what receiving or rejecting it costs.
	fn shipment_size(shipment: &ShipmentOf<T>) -> (u32, u32) {
		(shipment.lines.len() as u32, shipment.packs.len() as u32)
	}

	/// The shipment `id`, if `who` is its receiver and an active participant, and the
	/// shipment is in transit and not on hold.
	fn arrived(who: &T::AccountId, id: ShipmentId) -> Result<ShipmentOf<T>, DispatchError> {
		ensure!(T::Participants::is_active(who), Error::<T>::NotAParticipant);
		let shipment = Shipments::<T>::get(id).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(&shipment.receiver == who, Error::<T>::NotTheReceiver);
		ensure!(shipment.status == ShipmentStatus::InTransit, Error::<T>::NotInTransit);
		ensure!(!Self::is_held(HoldSubject::Shipment(id)), Error::<T>::OnHold);
		Ok(shipment)
	}
}
