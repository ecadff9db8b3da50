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
	fn hold_view() -> Weight;
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
		// Minimum execution time: 55_733 nanoseconds.
		Weight::from_parts(56_804_000, 3593)
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
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::RetiredBatches` (r:1 w:0)
	/// Proof: `DrugTracking::RetiredBatches` (`max_values`: None, `max_size`: Some(289), added: 2764, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:1 w:1)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn create_batch() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 106_769 nanoseconds.
		Weight::from_parts(108_802_000, 3754)
			.saturating_add(db.reads(9_u64))
			.saturating_add(db.writes(6_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:1 w:1)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:100 w:100)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 100]`.
	fn commission_serials(n: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 71_406 nanoseconds.
		Weight::from_parts(57_147_206, 3680)
			.saturating_add(Weight::from_parts(5_135_158, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(5_u64))
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
	/// Storage: `DrugTracking::Batches` (r:16 w:16)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:16 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Products` (r:1 w:0)
	/// Proof: `DrugTracking::Products` (`max_values`: None, `max_size`: Some(115), added: 2590, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:16 w:16)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
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
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3754), added: 6229, mode: `MaxEncodedLen`)
	/// Component `l` ranges over `[1, 16]`.
	/// Component `s` ranges over `[0, 100]`.
	fn ship(l: u32, s: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 885_097 nanoseconds.
		Weight::from_parts(79_519_051, 8733)
			.saturating_add(Weight::from_parts(52_247_435, 0).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(7_890_711, 0).saturating_mul(s.into()))
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.reads((4_u64).saturating_mul(l.into())))
			.saturating_add(db.reads((1_u64).saturating_mul(s.into())))
			.saturating_add(db.writes(4_u64))
			.saturating_add(db.writes((4_u64).saturating_mul(l.into())))
			.saturating_add(db.writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2690).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(s.into()))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:1)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3754), added: 6229, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:17 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:16 w:16)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:100 w:100)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:16 w:16)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:16 w:16)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:16)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Component `l` ranges over `[1, 16]`.
	/// Component `s` ranges over `[0, 100]`.
	fn receive(l: u32, s: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 795_213 nanoseconds.
		Weight::from_parts(85_101_577, 7219)
			.saturating_add(Weight::from_parts(55_624_576, 0).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(6_762_094, 0).saturating_mul(s.into()))
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.reads((4_u64).saturating_mul(l.into())))
			.saturating_add(db.reads((1_u64).saturating_mul(s.into())))
			.saturating_add(db.writes(5_u64))
			.saturating_add(db.writes((4_u64).saturating_mul(l.into())))
			.saturating_add(db.writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2690).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(s.into()))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:1)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3754), added: 6229, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:17 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:100 w:100)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:16 w:16)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:16 w:16)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:16 w:16)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:16)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Component `l` ranges over `[1, 16]`.
	/// Component `s` ranges over `[0, 100]`.
	fn reject(l: u32, s: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 318_754 nanoseconds.
		Weight::from_parts(52_798_204, 7219)
			.saturating_add(Weight::from_parts(17_375_956, 0).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(4_783_004, 0).saturating_mul(s.into()))
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.reads((4_u64).saturating_mul(l.into())))
			.saturating_add(db.reads((1_u64).saturating_mul(s.into())))
			.saturating_add(db.writes(3_u64))
			.saturating_add(db.writes((4_u64).saturating_mul(l.into())))
			.saturating_add(db.writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2690).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(s.into()))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:0)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3754), added: 6229, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:16 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
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
	/// Component `b` ranges over `[1, 16]`.
	fn record_event(b: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 105_888 nanoseconds.
		Weight::from_parts(102_369_486, 7219)
			.saturating_add(Weight::from_parts(9_590_060, 0).saturating_mul(b.into()))
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.reads((2_u64).saturating_mul(b.into())))
			.saturating_add(db.writes(5_u64))
			.saturating_add(db.writes((2_u64).saturating_mul(b.into())))
			.saturating_add(Weight::from_parts(0, 2690).saturating_mul(b.into()))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:1 w:1)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:1 w:1)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn decommission() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 45_288 nanoseconds.
		Weight::from_parts(46_569_000, 3680)
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.writes(3_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:1 w:1)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:1 w:1)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	fn reverse_decommission() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 40_450 nanoseconds.
		Weight::from_parts(41_903_000, 3680)
			.saturating_add(db.reads(5_u64))
			.saturating_add(db.writes(3_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:1 w:1)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:1 w:0)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:0)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3754), added: 6229, mode: `MaxEncodedLen`)
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
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	fn scan() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 147_470 nanoseconds.
		Weight::from_parts(149_472_000, 7219)
			.saturating_add(db.reads(11_u64))
			.saturating_add(db.writes(5_u64))
	}
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailDeposits` (r:1 w:1)
	/// Proof: `DrugTracking::TrailDeposits` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn recall() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 71_717 nanoseconds.
		Weight::from_parts(73_960_000, 3680)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:1)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailDeposits` (r:1 w:1)
	/// Proof: `DrugTracking::TrailDeposits` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn place_hold() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 110_154 nanoseconds.
		Weight::from_parts(112_567_000, 3680)
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.writes(6_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Shipments` (r:1 w:0)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3754), added: 6229, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:1)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn place_shipment_hold() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 89_453 nanoseconds.
		Weight::from_parts(92_638_000, 7219)
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.writes(3_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:1)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::HoldOverrides` (r:1 w:1)
	/// Proof: `DrugTracking::HoldOverrides` (`max_values`: None, `max_size`: Some(217), added: 2692, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailDeposits` (r:1 w:1)
	/// Proof: `DrugTracking::TrailDeposits` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn release_hold() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 147_369 nanoseconds.
		Weight::from_parts(149_653_000, 6196)
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.writes(9_u64))
	}
	/// Storage: `DrugTracking::Holds` (r:1 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::HoldOverrides` (r:1 w:0)
	/// Proof: `DrugTracking::HoldOverrides` (`max_values`: None, `max_size`: Some(217), added: 2692, mode: `MaxEncodedLen`)
	fn hold_view() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 9_724 nanoseconds.
		Weight::from_parts(10_296_000, 3682)
			.saturating_add(db.reads(2_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:1)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailDeposits` (r:1 w:1)
	/// Proof: `DrugTracking::TrailDeposits` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::HoldOverrides` (r:1 w:1)
	/// Proof: `DrugTracking::HoldOverrides` (`max_values`: None, `max_size`: Some(217), added: 2692, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:0 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	fn override_hold() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 177_324 nanoseconds.
		Weight::from_parts(180_028_000, 6196)
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.writes(9_u64))
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
		// Minimum execution time: 111_636 nanoseconds.
		Weight::from_parts(113_228_000, 6196)
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
		// Minimum execution time: 27_932 nanoseconds.
		Weight::from_parts(28_983_000, 3657)
			.saturating_add(db.reads(3_u64))
			.saturating_add(db.writes(1_u64))
	}
	/// Storage: `Participants::Participants` (r:1 w:0)
	/// Proof: `Participants::Participants` (`max_values`: None, `max_size`: Some(106), added: 2581, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
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
		// Minimum execution time: 116_283 nanoseconds.
		Weight::from_parts(50_157_455, 6196)
			.saturating_add(Weight::from_parts(67_100_878, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.reads((2_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(7_u64))
			.saturating_add(db.writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2667).saturating_mul(n.into()))
	}
	/// Storage: `DrugTracking::RetiredBatches` (r:1 w:1)
	/// Proof: `DrugTracking::RetiredBatches` (`max_values`: None, `max_size`: Some(289), added: 2764, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:1)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `Timestamp::Now` (r:1 w:0)
	/// Proof: `Timestamp::Now` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailLength` (r:1 w:1)
	/// Proof: `DrugTracking::TrailLength` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Trail` (r:1 w:1)
	/// Proof: `DrugTracking::Trail` (`max_values`: None, `max_size`: Some(129), added: 2604, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:2 w:1)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:59 w:59)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:59 w:59)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::CloneReports` (r:1 w:0)
	/// Proof: `DrugTracking::CloneReports` (`max_values`: None, `max_size`: Some(192), added: 2667, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Stock` (r:60 w:59)
	/// Proof: `DrugTracking::Stock` (`max_values`: None, `max_size`: Some(104), added: 2579, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::TrailDeposits` (r:1 w:0)
	/// Proof: `DrugTracking::TrailDeposits` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::HoldOverrides` (r:1 w:0)
	/// Proof: `DrugTracking::HoldOverrides` (`max_values`: None, `max_size`: Some(217), added: 2692, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::ReportedPacks` (r:0 w:1)
	/// Proof: `DrugTracking::ReportedPacks` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// Component `n` ranges over `[1, 58]`.
	fn retire_batch(n: u32, ) -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 216_833 nanoseconds.
		Weight::from_parts(25_793_610, 6294)
			.saturating_add(Weight::from_parts(63_211_078, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(15_u64))
			.saturating_add(db.reads((3_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(9_u64))
			.saturating_add(db.writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	/// Storage: `DrugTracking::Serials` (r:1 w:0)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:1 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:2 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	fn verify_pack() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 22_984 nanoseconds.
		Weight::from_parts(24_988_000, 6214)
			.saturating_add(db.reads(4_u64))
	}
	/// Storage: `DrugTracking::Shipments` (r:1 w:0)
	/// Proof: `DrugTracking::Shipments` (`max_values`: None, `max_size`: Some(3754), added: 6229, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Batches` (r:16 w:0)
	/// Proof: `DrugTracking::Batches` (`max_values`: None, `max_size`: Some(215), added: 2690, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Serials` (r:100 w:0)
	/// Proof: `DrugTracking::Serials` (`max_values`: None, `max_size`: Some(177), added: 2652, mode: `MaxEncodedLen`)
	/// Storage: `DrugTracking::Holds` (r:1 w:0)
	/// Proof: `DrugTracking::Holds` (`max_values`: None, `max_size`: Some(137), added: 2612, mode: `MaxEncodedLen`)
	fn shipment_summary() -> Weight {
		let db = T::DbWeight::get();
		// Minimum execution time: 437_952 nanoseconds.
		Weight::from_parts(443_119_000, 266190)
			.saturating_add(db.reads(118_u64))
	}
}

/// The measured weights with ParityDB's database costs, for mock runtimes.
impl WeightInfo for () {
	fn register_product() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 55_733 nanoseconds.
		Weight::from_parts(56_804_000, 3593)
			.saturating_add(db.reads(4_u64))
			.saturating_add(db.writes(3_u64))
	}
	fn create_batch() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 106_769 nanoseconds.
		Weight::from_parts(108_802_000, 3754)
			.saturating_add(db.reads(9_u64))
			.saturating_add(db.writes(6_u64))
	}
	fn commission_serials(n: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 71_406 nanoseconds.
		Weight::from_parts(57_147_206, 3680)
			.saturating_add(Weight::from_parts(5_135_158, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(5_u64))
			.saturating_add(db.reads((1_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(4_u64))
			.saturating_add(db.writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(n.into()))
	}
	fn ship(l: u32, s: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 885_097 nanoseconds.
		Weight::from_parts(79_519_051, 8733)
			.saturating_add(Weight::from_parts(52_247_435, 0).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(7_890_711, 0).saturating_mul(s.into()))
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.reads((4_u64).saturating_mul(l.into())))
			.saturating_add(db.reads((1_u64).saturating_mul(s.into())))
			.saturating_add(db.writes(4_u64))
			.saturating_add(db.writes((4_u64).saturating_mul(l.into())))
			.saturating_add(db.writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2690).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(s.into()))
	}
	fn receive(l: u32, s: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 795_213 nanoseconds.
		Weight::from_parts(85_101_577, 7219)
			.saturating_add(Weight::from_parts(55_624_576, 0).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(6_762_094, 0).saturating_mul(s.into()))
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.reads((4_u64).saturating_mul(l.into())))
			.saturating_add(db.reads((1_u64).saturating_mul(s.into())))
			.saturating_add(db.writes(5_u64))
			.saturating_add(db.writes((4_u64).saturating_mul(l.into())))
			.saturating_add(db.writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2690).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(s.into()))
	}
	fn reject(l: u32, s: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 318_754 nanoseconds.
		Weight::from_parts(52_798_204, 7219)
			.saturating_add(Weight::from_parts(17_375_956, 0).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(4_783_004, 0).saturating_mul(s.into()))
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.reads((4_u64).saturating_mul(l.into())))
			.saturating_add(db.reads((1_u64).saturating_mul(s.into())))
			.saturating_add(db.writes(3_u64))
			.saturating_add(db.writes((4_u64).saturating_mul(l.into())))
			.saturating_add(db.writes((1_u64).saturating_mul(s.into())))
			.saturating_add(Weight::from_parts(0, 2690).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(0, 2652).saturating_mul(s.into()))
	}
	fn record_event(b: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 105_888 nanoseconds.
		Weight::from_parts(102_369_486, 7219)
			.saturating_add(Weight::from_parts(9_590_060, 0).saturating_mul(b.into()))
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.reads((2_u64).saturating_mul(b.into())))
			.saturating_add(db.writes(5_u64))
			.saturating_add(db.writes((2_u64).saturating_mul(b.into())))
			.saturating_add(Weight::from_parts(0, 2690).saturating_mul(b.into()))
	}
	fn decommission() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 45_288 nanoseconds.
		Weight::from_parts(46_569_000, 3680)
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.writes(3_u64))
	}
	fn reverse_decommission() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 40_450 nanoseconds.
		Weight::from_parts(41_903_000, 3680)
			.saturating_add(db.reads(5_u64))
			.saturating_add(db.writes(3_u64))
	}
	fn scan() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 147_470 nanoseconds.
		Weight::from_parts(149_472_000, 7219)
			.saturating_add(db.reads(11_u64))
			.saturating_add(db.writes(5_u64))
	}
	fn recall() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 71_717 nanoseconds.
		Weight::from_parts(73_960_000, 3680)
			.saturating_add(db.reads(7_u64))
			.saturating_add(db.writes(6_u64))
	}
	fn place_hold() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 110_154 nanoseconds.
		Weight::from_parts(112_567_000, 3680)
			.saturating_add(db.reads(8_u64))
			.saturating_add(db.writes(6_u64))
	}
	fn place_shipment_hold() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 89_453 nanoseconds.
		Weight::from_parts(92_638_000, 7219)
			.saturating_add(db.reads(6_u64))
			.saturating_add(db.writes(3_u64))
	}
	fn release_hold() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 147_369 nanoseconds.
		Weight::from_parts(149_653_000, 6196)
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.writes(9_u64))
	}
	fn hold_view() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 9_724 nanoseconds.
		Weight::from_parts(10_296_000, 3682)
			.saturating_add(db.reads(2_u64))
	}
	fn override_hold() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 177_324 nanoseconds.
		Weight::from_parts(180_028_000, 6196)
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.writes(9_u64))
	}
	fn clear_suspect() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 111_636 nanoseconds.
		Weight::from_parts(113_228_000, 6196)
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.writes(9_u64))
	}
	fn confirm_clone_report() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 27_932 nanoseconds.
		Weight::from_parts(28_983_000, 3657)
			.saturating_add(db.reads(3_u64))
			.saturating_add(db.writes(1_u64))
	}
	fn clear_batch_suspects(n: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 116_283 nanoseconds.
		Weight::from_parts(50_157_455, 6196)
			.saturating_add(Weight::from_parts(67_100_878, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(10_u64))
			.saturating_add(db.reads((2_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(7_u64))
			.saturating_add(db.writes((2_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2667).saturating_mul(n.into()))
	}
	fn retire_batch(n: u32, ) -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 216_833 nanoseconds.
		Weight::from_parts(25_793_610, 6294)
			.saturating_add(Weight::from_parts(63_211_078, 0).saturating_mul(n.into()))
			.saturating_add(db.reads(15_u64))
			.saturating_add(db.reads((3_u64).saturating_mul(n.into())))
			.saturating_add(db.writes(9_u64))
			.saturating_add(db.writes((3_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	fn verify_pack() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 22_984 nanoseconds.
		Weight::from_parts(24_988_000, 6214)
			.saturating_add(db.reads(4_u64))
	}
	fn shipment_summary() -> Weight {
		let db = ParityDbWeight::get();
		// Minimum execution time: 437_952 nanoseconds.
		Weight::from_parts(443_119_000, 266190)
			.saturating_add(db.reads(118_u64))
	}
}
