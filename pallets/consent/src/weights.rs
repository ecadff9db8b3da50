//! Weights of `pallet_consent`: provisional until `scripts/bench.sh pallet_consent` measures
//! them on this machine and overwrites this file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// The weight of each call of `pallet_consent`.
pub trait WeightInfo {
	fn grant_consent() -> Weight;
	fn revoke_consent() -> Weight;
	fn purge_consent() -> Weight;
	fn request_consent() -> Weight;
	fn approve_request() -> Weight;
	fn deny_request() -> Weight;
	fn purge_request() -> Weight;
	fn add_guardian() -> Weight;
	fn remove_guardian() -> Weight;
	fn break_glass() -> Weight;
	fn review_break_glass() -> Weight;
	fn check_access() -> Weight;
}

/// The measured weights, with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn grant_consent() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn revoke_consent() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn purge_consent() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn request_consent() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn approve_request() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn deny_request() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn purge_request() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn add_guardian() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn remove_guardian() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn break_glass() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn review_break_glass() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn check_access() -> Weight {
		let db = T::DbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
}

/// The measured weights with ParityDB's database costs, for mock runtimes.
impl WeightInfo for () {
	fn grant_consent() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn revoke_consent() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn purge_consent() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn request_consent() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn approve_request() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn deny_request() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn purge_request() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn add_guardian() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn remove_guardian() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn break_glass() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn review_break_glass() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
	fn check_access() -> Weight {
		let db = ParityDbWeight::get();
		Weight::from_parts(100_000_000, 100_000).saturating_add(db.reads(40_u64)).saturating_add(db.writes(8_u64))
	}
}
