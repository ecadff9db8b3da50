//! Weights of `pallet_drug_tracking`, measured by frame-benchmarking 36.0.0 on 2026-12-01 on
//! `vm` (AMD EPYC): 50 steps, 20 repeats, Wasm execution
//! `Compiled`. Regenerate with `scripts/bench.sh pallet_drug_tracking`; do not edit.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::ParityDbWeight, Weight}};

/// The weight of each call of `pallet_drug_tracking`.
pub trait WeightInfo {
	fn register_product() -> Weight;
	fn create_batch() -> Weight;
	fn commission_serials(n: u32, ) -> Weight;
	fn ship(l: u32, s: u32, ) -> Weight;
	fn receive(l: u32, s: u32, ) -> Weight;
	fn reject(l: u32, s: u32, ) -> Weight;
	fn record_event(b: u32, ) -> Weight;
	fn decommission() -> Weight;
	fn reverse_decommission() -> Weight;
	fn scan() -> Weight;
	fn recall() -> Weight;
	fn place_hold() -> Weight;
	fn place_shipment_hold() -> Weight;
	fn release_hold() -> Weight;
	fn override_hold() -> Weight;
	fn clear_suspect() -> Weight;
	fn confirm_clone_report() -> Weight;
	fn clear_batch_suspects(n: u32, ) -> Weight;
	fn retire_batch(n: u32, ) -> Weight;
	fn verify_pack() -> Weight;
	fn shipment_summary() -> Weight;
}

/// The measured weights, with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Products` (r:1 w:1)
	/// Proof: `DrugTracking::Products` (`max_values`: None, `max_size`: Some(115), added: 2590, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn register_product() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 56_694 nanoseconds.
		Weight::from_parts(57_505_000, 3593)
			.saturating_add(db.reads(4_u64))
			.saturating_add(db.writes(3_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Products` (r:1 w:0)
	/// Proof: `DrugTracking::Products` (`max_values`: None, `max_size`: Some(115), added: 2590, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:0 w:1)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	fn create_batch() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 71_676 nanoseconds.
		Weight::from_parts(73_439_000, 3676)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:1 w:0)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::NamedStock` (r:1 w:1)
	/// Proof: `DrugTracking::NamedStock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:100 w:100)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 100]`.
	fn commission_serials(n: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 72_558 nanoseconds.
		Weight::from_parts(59_536_839, 3676)
			.saturating_add(Weight::from_parts(5_228_757, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.reads((1_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(4_u64))
			.saturating_add(db.writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(n.into()))
	}
	/// Storage: `Participants::Participants` (r:3 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:100 w:100)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:16 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:16 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Products` (r:1 w:0)
	/// Proof: `DrugTracking::Products` (`max_values`: None, `max_size`: Some(115), added: 2590, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:16 w:16)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::NamedStock` (r:16 w:1)
	/// Proof: `DrugTracking::NamedStock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::NextShipmentId` (r:1 w:1)
	/// Proof: `DrugTracking::NextShipmentId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:16 w:16)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:16)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:0 w:1)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3734), added: 6209, mode: `MaxEncodedLen`)
	/// Component `l` ranges over `[1, 16]`.
	/// Component `s` ranges over `[0, 100]`.
	fn ship(l: u32, s: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 426_905 nanoseconds.
		Weight::from_parts(78_404_664, 8733)
			.saturating_add(Weight::from_parts(22_278_448, 0).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(10_065_540, 0).saturating_mul(s.into()))
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.reads((5_u64).saturating_mul(l.into())))
			.saturating_add(db.reads((1_u64).saturating_mul(s.into())))
			.saturating_add(db.writes(5_u64))
			.saturating_add(db.writes((3_u64).saturating_mul(l.into())))
			.saturating_add(db.writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2686).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(s.into()))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:1)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3734), added: 6209, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:17 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:16 w:16)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:100 w:100)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:16 w:16)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:16 w:16)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::NamedStock` (r:1 w:1)
	/// Proof: `DrugTracking::NamedStock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:16)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn receive(_l: u32, _s: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 1_241_458 nanoseconds.
		Weight::from_parts(1_255_159_000, 266190)
			.saturating_add(db.reads(169_u64))
			.saturating_add(db.writes(166_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:1)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3734), added: 6209, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:17 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:16 w:16)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:16 w:16)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:100 w:100)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::NamedStock` (r:1 w:1)
	/// Proof: `DrugTracking::NamedStock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:16)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn reject(_l: u32, _s: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 916_825 nanoseconds.
		Weight::from_parts(926_328_000, 266190)
			.saturating_add(db.reads(153_u64))
			.saturating_add(db.writes(150_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:0)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3734), added: 6209, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::ShipmentEvents` (r:1 w:1)
	/// Proof: `DrugTracking::ShipmentEvents` (`max_values`: None, `max_size`: Some(530), added: 3005, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Events` (r:1 w:1)
	/// Proof: `DrugTracking::Events` (`max_values`: None, `max_size`: Some(174), added: 2649, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::NextEventId` (r:1 w:1)
	/// Proof: `DrugTracking::NextEventId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:16 w:16)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:16)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn record_event(_b: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 206_327 nanoseconds.
		Weight::from_parts(210_754_000, 41166)
			.saturating_add(db.reads(24_u64))
			.saturating_add(db.writes(37_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:1 w:1)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:1 w:1)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::NamedStock` (r:1 w:1)
	/// Proof: `DrugTracking::NamedStock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	fn decommission() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 44_016 nanoseconds.
		Weight::from_parts(45_518_000, 3676)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(4_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:1 w:1)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:1 w:1)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::NamedStock` (r:1 w:1)
	/// Proof: `DrugTracking::NamedStock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	fn reverse_decommission() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 38_177 nanoseconds.
		Weight::from_parts(39_118_000, 3676)
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.writes(4_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:1 w:1)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:1 w:0)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(84), added: 2559, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:0)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3734), added: 6209, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::CloneReports` (r:1 w:1)
	/// Proof: `DrugTracking::CloneReports` (`max_values`: None, `max_size`: Some(192), added: 2667, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::OpenReports` (r:1 w:1)
	/// Proof: `DrugTracking::OpenReports` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn scan() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 141_100 nanoseconds.
		Weight::from_parts(143_643_000, 7199)
			.saturating_add(db.reads(11_u64))
			.saturating_add(db.writes(5_u64))
	}
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn recall() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 28_122 nanoseconds.
		Weight::from_parts(29_083_000, 3676)
			.saturating_add(db.reads(4_u64))
			.saturating_add(db.writes(3_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:1)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn place_hold() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 29_855 nanoseconds.
		Weight::from_parts(30_375_000, 3676)
			.saturating_add(db.reads(5_u64))
			.saturating_add(db.writes(3_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:0)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3734), added: 6209, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:1)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	fn place_shipment_hold() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 43_585 nanoseconds.
		Weight::from_parts(46_710_000, 7199)
			.saturating_add(db.reads(4_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:1)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::HoldOverrides` (r:1 w:1)
	/// Proof: `DrugTracking::HoldOverrides` (`max_values`: None, `max_size`: Some(217), added: 2692, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn release_hold() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 73_690 nanoseconds.
		Weight::from_parts(75_332_000, 3682)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:1)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::HoldOverrides` (r:1 w:1)
	/// Proof: `DrugTracking::HoldOverrides` (`max_values`: None, `max_size`: Some(217), added: 2692, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn override_hold() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 104_716 nanoseconds.
		Weight::from_parts(107_089_000, 3682)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:1 w:1)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::CloneReports` (r:1 w:1)
	/// Proof: `DrugTracking::CloneReports` (`max_values`: None, `max_size`: Some(192), added: 2667, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::OpenReports` (r:2 w:2)
	/// Proof: `DrugTracking::OpenReports` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::ReportedPacks` (r:1 w:1)
	/// Proof: `DrugTracking::ReportedPacks` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	fn clear_suspect() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 112_648 nanoseconds.
		Weight::from_parts(114_650_000, 6196)
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.writes(9_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:1 w:1)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::CloneReports` (r:1 w:0)
	/// Proof: `DrugTracking::CloneReports` (`max_values`: None, `max_size`: Some(192), added: 2667, mode: `MaxEncodedLen`)
	fn confirm_clone_report() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 27_291 nanoseconds.
		Weight::from_parts(28_443_000, 3657)
			.saturating_add(db.reads(3_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::ReportedPacks` (r:1 w:1)
	/// Proof: `DrugTracking::ReportedPacks` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::CloneReports` (r:65 w:64)
	/// Proof: `DrugTracking::CloneReports` (`max_values`: None, `max_size`: Some(192), added: 2667, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::OpenReports` (r:2 w:2)
	/// Proof: `DrugTracking::OpenReports` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:64 w:64)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 64]`.
	fn clear_batch_suspects(n: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 118_276 nanoseconds.
		Weight::from_parts(46_648_423, 6196)
			.saturating_add(Weight::from_parts(69_079_613, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.reads((2_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(7_u64))
			.saturating_add(db.writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2667).saturating_mul(n.into()))
	}
	/// Not measured yet: `clear_batch_suspects`'s weight until `scripts/bench.sh` runs.
	fn retire_batch(n: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 118_276 nanoseconds.
		Weight::from_parts(46_648_423, 6196)
			.saturating_add(Weight::from_parts(69_079_613, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.reads((2_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(7_u64))
			.saturating_add(db.writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2667).saturating_mul(n.into()))
	}
	/// Storage: `DrugTracking::Serials` (r:1 w:0)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:2 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn verify_pack() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 22_204 nanoseconds.
		Weight::from_parts(23_225_000, 6182)
			.saturating_add(db.reads(4_u64))
	}
	/// Storage: `DrugTracking::Shipments` (r:1 w:0)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3734), added: 6209, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:16 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:100 w:0)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn shipment_summary() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 456_319 nanoseconds.
		Weight::from_parts(460_085_000, 266190)
			.saturating_add(db.reads(118_u64))
	}
}

/// The measured weights with ParityDB's database costs, for mock runtimes.
impl WeightInfo for () {
	fn register_product() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 56_694 nanoseconds.
		Weight::from_parts(57_505_000, 3593)
			.saturating_add(db.reads(4_u64))
			.saturating_add(db.writes(3_u64))
	}
	fn create_batch() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 71_676 nanoseconds.
		Weight::from_parts(73_439_000, 3676)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	fn commission_serials(n: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 72_558 nanoseconds.
		Weight::from_parts(59_536_839, 3676)
			.saturating_add(Weight::from_parts(5_228_757, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.reads((1_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(4_u64))
			.saturating_add(db.writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(n.into()))
	}
	fn ship(l: u32, s: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 426_905 nanoseconds.
		Weight::from_parts(78_404_664, 8733)
			.saturating_add(Weight::from_parts(22_278_448, 0).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(10_065_540, 0).saturating_mul(s.into()))
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.reads((5_u64).saturating_mul(l.into())))
			.saturating_add(db.reads((1_u64).saturating_mul(s.into())))
			.saturating_add(db.writes(5_u64))
			.saturating_add(db.writes((3_u64).saturating_mul(l.into())))
			.saturating_add(db.writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2686).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(s.into()))
	}
	fn receive(_l: u32, _s: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 1_241_458 nanoseconds.
		Weight::from_parts(1_255_159_000, 266190)
			.saturating_add(db.reads(169_u64))
			.saturating_add(db.writes(166_u64))
	}
	fn reject(_l: u32, _s: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 916_825 nanoseconds.
		Weight::from_parts(926_328_000, 266190)
			.saturating_add(db.reads(153_u64))
			.saturating_add(db.writes(150_u64))
	}
	fn record_event(_b: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 206_327 nanoseconds.
		Weight::from_parts(210_754_000, 41166)
			.saturating_add(db.reads(24_u64))
			.saturating_add(db.writes(37_u64))
	}
	fn decommission() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 44_016 nanoseconds.
		Weight::from_parts(45_518_000, 3676)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(4_u64))
	}
	fn reverse_decommission() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 38_177 nanoseconds.
		Weight::from_parts(39_118_000, 3676)
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.writes(4_u64))
	}
	fn scan() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 141_100 nanoseconds.
		Weight::from_parts(143_643_000, 7199)
			.saturating_add(db.reads(11_u64))
			.saturating_add(db.writes(5_u64))
	}
	fn recall() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 28_122 nanoseconds.
		Weight::from_parts(29_083_000, 3676)
			.saturating_add(db.reads(4_u64))
			.saturating_add(db.writes(3_u64))
	}
	fn place_hold() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 29_855 nanoseconds.
		Weight::from_parts(30_375_000, 3676)
			.saturating_add(db.reads(5_u64))
			.saturating_add(db.writes(3_u64))
	}
	fn place_shipment_hold() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 43_585 nanoseconds.
		Weight::from_parts(46_710_000, 7199)
			.saturating_add(db.reads(4_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn release_hold() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 73_690 nanoseconds.
		Weight::from_parts(75_332_000, 3682)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	fn override_hold() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 104_716 nanoseconds.
		Weight::from_parts(107_089_000, 3682)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	fn clear_suspect() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 112_648 nanoseconds.
		Weight::from_parts(114_650_000, 6196)
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.writes(9_u64))
	}
	fn confirm_clone_report() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 27_291 nanoseconds.
		Weight::from_parts(28_443_000, 3657)
			.saturating_add(db.reads(3_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn clear_batch_suspects(n: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 118_276 nanoseconds.
		Weight::from_parts(46_648_423, 6196)
			.saturating_add(Weight::from_parts(69_079_613, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.reads((2_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(7_u64))
			.saturating_add(db.writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2667).saturating_mul(n.into()))
	}
	/// Not measured yet: `clear_batch_suspects`'s weight until `scripts/bench.sh` runs.
	fn retire_batch(n: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 118_276 nanoseconds.
		Weight::from_parts(46_648_423, 6196)
			.saturating_add(Weight::from_parts(69_079_613, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.reads((2_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(7_u64))
			.saturating_add(db.writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2667).saturating_mul(n.into()))
	}
	fn verify_pack() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 22_204 nanoseconds.
		Weight::from_parts(23_225_000, 6182)
			.saturating_add(db.reads(4_u64))
	}
	fn shipment_summary() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 456_319 nanoseconds.
		Weight::from_parts(460_085_000, 266190)
			.saturating_add(db.reads(118_u64))
	}
}
