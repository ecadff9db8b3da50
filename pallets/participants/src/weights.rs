//! Weights of `pallet_participants`, measured by frame-benchmarking 36.0.0 on 2026-11-21 on
//! `vm` (Intel(R) Xeon(R) Processor): 50 steps, 20 repeats, Wasm execution
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
		// Minimum execution time: 11_508 nanoseconds.
		Weight::from_parts(12_156_000, 3571)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(2_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:1)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	fn update() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 10_330 nanoseconds.
		Weight::from_parts(10_879_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:1)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	fn suspend() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 9_207 nanoseconds.
		Weight::from_parts(9_827_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:1)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	fn reinstate() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 9_293 nanoseconds.
		Weight::from_parts(9_867_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:1)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Participants::ParticipantCount` (r:1 w:1)
	/// Proof: `Participants::ParticipantCount` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	fn remove() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 9_860 nanoseconds.
		Weight::from_parts(10_386_000, 3571)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(2_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	fn has_role() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 4_985 nanoseconds.
		Weight::from_parts(5_219_000, 3571)
			.saturating_add(db.reads(1_u64))
	}
}

/// The measured weights with ParityDB's database costs, for mock runtimes.
impl WeightInfo for () {
	fn register() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 11_508 nanoseconds.
		Weight::from_parts(12_156_000, 3571)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(2_u64))
	}
	fn update() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 10_330 nanoseconds.
		Weight::from_parts(10_879_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn suspend() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 9_207 nanoseconds.
		Weight::from_parts(9_827_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn reinstate() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 9_293 nanoseconds.
		Weight::from_parts(9_867_000, 3571)
			.saturating_add(db.reads(1_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn remove() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 9_860 nanoseconds.
		Weight::from_parts(10_386_000, 3571)
			.saturating_add(db.reads(2_u64))
			.saturating_add(db.writes(2_u64))
	}
	fn has_role() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 4_985 nanoseconds.
		Weight::from_parts(5_219_000, 3571)
			.saturating_add(db.reads(1_u64))
	}
}
