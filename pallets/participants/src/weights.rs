//! Weights of `pallet_participants`, measured by frame-benchmarking 36.0.0 on 2026-12-01 on
//! `vm` (AMD EPYC): 50 steps, 20 repeats, Wasm execution
//! `Compiled`. Regenerate with `scripts/bench.sh pallet_participants`; do not edit.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// The weight of each call of `pallet_participants`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn update() -> Weight;
	fn suspend() -> Weight;
	fn reinstate() -> Weight;
	fn remove() -> Weight;
	fn has_role() -> Weight;
}

/// The measured weights, with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Participants::Participants` (r:1 w:1)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Participants::ParticipantCount` (r:1 w:1)
	/// Proof: `Participants::ParticipantCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 14_021 nanoseconds.
		Weight::from_parts(15_023_000, 3571)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(2_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:1)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	fn update() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 13_419 nanoseconds.
		Weight::from_parts(13_901_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:1)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	fn suspend() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 12_388 nanoseconds.
		Weight::from_parts(13_199_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:1)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	fn reinstate() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 12_419 nanoseconds.
		Weight::from_parts(12_929_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:1)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Participants::ParticipantCount` (r:1 w:1)
	/// Proof: `Participants::ParticipantCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn remove() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 13_260 nanoseconds.
		Weight::from_parts(13_591_000, 3571)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(2_u64))
	}
	/// Storage: `Contracts::ContractInfoOf` (r:1 w:0)
	/// Proof: `Contracts::ContractInfoOf` (`max_values`: None, `max_size`: Some(1795), added: 4270, mode: `MaxEncodedLen`)
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	fn has_role() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 10_455 nanoseconds.
		Weight::from_parts(10_886_000, 5260)
			.saturating_add(db.reads(2_u64))
	}
}

/// The measured weights with ParityDB's database costs, for mock runtimes.
impl WeightInfo for () {
	fn register() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 14_021 nanoseconds.
		Weight::from_parts(15_023_000, 3571)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(2_u64))
	}
	fn update() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 13_419 nanoseconds.
		Weight::from_parts(13_901_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn suspend() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 12_388 nanoseconds.
		Weight::from_parts(13_199_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn reinstate() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 12_419 nanoseconds.
		Weight::from_parts(12_929_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn remove() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 13_260 nanoseconds.
		Weight::from_parts(13_591_000, 3571)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(2_u64))
	}
	fn has_role() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 10_455 nanoseconds.
		Weight::from_parts(10_886_000, 5260)
			.saturating_add(db.reads(2_u64))
	}
}
