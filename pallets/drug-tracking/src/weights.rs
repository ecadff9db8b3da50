//! Weights of `pallet_drug_tracking`: provisional until `scripts/bench.sh
//! pallet_drug_tracking` measures them on this machine and overwrites this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// The weight of each call of `pallet_drug_tracking`.
pub trait WeightInfo {
	fn register_product() -> Weight;
	fn create_batch() -> Weight;
	fn commission_serials(n: u32) -> Weight;
	fn ship(l: u32, s: u32) -> Weight;
	fn receive() -> Weight;
	fn reject() -> Weight;
	fn record_event() -> Weight;
	fn decommission() -> Weight;
	fn reverse_decommission() -> Weight;
	fn scan() -> Weight;
	fn recall() -> Weight;
	fn place_hold() -> Weight;
	fn release_hold() -> Weight;
	fn clear_suspect() -> Weight;
	fn verify_pack() -> Weight;
}

/// The measured weights, with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_product() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn create_batch() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn commission_serials(n: u32) -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(n.into()))
			.saturating_add(db.reads_writes(2, 2).saturating_mul(n.into()))
	}
	fn ship(l: u32, s: u32) -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(l.into()))
			.saturating_add(db.reads_writes(2, 2).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(s.into()))
			.saturating_add(db.reads_writes(2, 2).saturating_mul(s.into()))
	}
	fn receive() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn reject() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn record_event() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn decommission() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn reverse_decommission() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn scan() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn recall() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn place_hold() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn release_hold() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn clear_suspect() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn verify_pack() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
}

/// The measured weights with ParityDB's database costs, for mock runtimes.
impl WeightInfo for () {
	fn register_product() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn create_batch() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn commission_serials(n: u32) -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(n.into()))
			.saturating_add(db.reads_writes(2, 2).saturating_mul(n.into()))
	}
	fn ship(l: u32, s: u32) -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(l.into()))
			.saturating_add(db.reads_writes(2, 2).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(1_000_000, 1_000).saturating_mul(s.into()))
			.saturating_add(db.reads_writes(2, 2).saturating_mul(s.into()))
	}
	fn receive() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn reject() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn record_event() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn decommission() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn reverse_decommission() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn scan() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn recall() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn place_hold() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn release_hold() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn clear_suspect() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
	fn verify_pack() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads_writes(20, 10))
	}
}
