//! Products, batches and serial numbers: what a manufacturer puts on the market.

use super::*;
use codec::MaxEncodedLen;

impl<T: Config> Pallet<T> {
	/// `who` (a manufacturer) registers a product.
	pub(crate) fn do_register_product(
		who: T::AccountId,
		gtin: u64,
		ndc: Option<Ndc>,
		name_hash: sp_core::H256,
		dosage_form: DosageForm,
		storage: TemperatureRange,
	) -> DispatchResult {
		Self::ensure_role(&who, &[Role::Manufacturer], Error::<T>::NotAManufacturer)?;
		let gtin = Self::gtin(gtin)?;
		ensure!(ndc.as_ref().is_none_or(|ndc| is_ndc(ndc)), Error::<T>::InvalidNdc);
		ensure!(storage.min <= storage.max, Error::<T>::InvalidTemperatureRange);
		ensure!(!Products::<T>::contains_key(gtin), Error::<T>::ProductExists);
		let mut product = Product {
			manufacturer: who,
			ndc,
			name_hash,
			dosage_form,
			storage,
			deposit: Zero::zero(),
		};
		product.deposit = Self::deposit_for(ProductOf::<T>::max_encoded_len());
		Self::hold(&product.manufacturer, product.deposit)?;
		Self::deposit_event(Event::ProductRegistered {
			gtin,
			manufacturer: product.manufacturer.clone(),
		});
		Products::<T>::insert(gtin, product);
		Ok(())
	}

	/// `who` (the product's manufacturer) makes a batch, and holds all its units.
	pub(crate) fn do_create_batch(
		who: T::AccountId,
		gtin: u64,
		lot: Lot,
		expiry: ExpiryDate,
		quantity: u32,
	) -> Result<BatchId, DispatchError> {
		Self::ensure_role(&who, &[Role::Manufacturer], Error::<T>::NotAManufacturer)?;
		let gtin = Self::gtin(gtin)?;
		let product = Products::<T>::get(gtin).ok_or(Error::<T>::UnknownProduct)?;
		ensure!(product.manufacturer == who, Error::<T>::NotTheManufacturer);
		ensure!(is_gs1_text(&lot), Error::<T>::InvalidLot);
		ensure!(expiry_end(expiry).is_some_and(|end| end > Self::now()), Error::<T>::InvalidExpiry);
		ensure!(quantity > 0, Error::<T>::ZeroQuantity);
		let id = batch_id(gtin, &lot);
		ensure!(!Batches::<T>::contains_key(id), Error::<T>::BatchExists);
		ensure!(!RetiredBatches::<T>::contains_key(id), Error::<T>::LotRetired);

		let now = Self::now();
		let mut batch = Batch {
			gtin,
			lot: lot.clone(),
			expiry,
			quantity,
			commissioned: 0,
			decommissioned: 0,
			missing: 0,
			manufacturer: who.clone(),
			created_at: now,
			recall: None,
			in_transit: 0,
			deposit: Zero::zero(),
		};
		// Paid at its largest (recalled), with its first trail step; the manufacturer's
		// holding of all its units is paid for on its own.
		batch.deposit =
			Self::deposit_for(BatchOf::<T>::max_encoded_len() + Self::trail_step_bytes());
		Self::hold(&who, batch.deposit)?;
		Self::add_units(&id, &who, quantity, 0, &mut Zero::zero())?;
		Self::append_trail(&id, TrailEntry::Created { by: who.clone(), quantity, at: now });
		Batches::<T>::insert(id, batch);
		Self::deposit_event(Event::BatchCreated { batch: id, gtin, lot, quantity });
		Ok(id)
	}

	/// `who` (the batch's active manufacturer) commissions serial numbers for units of it that
	/// it still holds without serial numbers.
	pub(crate) fn do_commission(
		who: T::AccountId,
		id: BatchId,
		serials: SerialsOf<T>,
	) -> DispatchResult {
		Self::ensure_role(&who, &[Role::Manufacturer], Error::<T>::NotAManufacturer)?;
		let mut batch = Batches::<T>::get(id).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(batch.manufacturer == who, Error::<T>::NotTheManufacturer);
		let count = u32::try_from(serials.len()).map_err(|_| Error::<T>::Overflow)?;
		let commissioned = batch.commissioned.checked_add(count).ok_or(Error::<T>::Overflow)?;
		ensure!(commissioned <= batch.quantity, Error::<T>::TooManySerials);
		// A serial names a pack in the manufacturer's hands: units shipped away, or already
		// named, cannot be given another.
		let unnamed = Self::units_held(&id, &who).saturating_sub(Self::named_held(&id, &who));
		ensure!(count <= unnamed, Error::<T>::NotEnoughUnnamedUnits);
		for (i, serial) in serials.iter().enumerate() {
			ensure!(is_gs1_text(serial), Error::<T>::InvalidSerial);
			ensure!(!serials[..i].contains(serial), Error::<T>::DuplicateSerial);
			ensure!(!Serials::<T>::contains_key(batch.gtin, serial), Error::<T>::SerialExists);
		}
		let record = |deposit| Serial {
			batch: id,
			state: SerialState::Active,
			custodian: who.clone(),
			suspect: None,
			deposit,
		};
		let deposit = Self::deposit_for(SerialOf::<T>::max_encoded_len());
		Self::hold(&who, deposit.saturating_mul(count.into()))?;
		for serial in serials {
			Serials::<T>::insert(batch.gtin, serial, record(deposit));
		}
		Self::adjust_named(&id, &who, true, count);
		batch.commissioned = commissioned;
		Batches::<T>::insert(id, batch);
		Self::deposit_event(Event::SerialsCommissioned { batch: id, count });
		Ok(())
	}
}
