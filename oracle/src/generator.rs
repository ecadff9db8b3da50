//! A reproducible training set: simulated shipments, most of them normal, some with one
//! injected anomaly. The same seed always gives the same journeys (ChaCha8), so the
//! model's version and its measured precision and recall are reproducible.
//!
//! Normal traffic is deliberately untidy, so the model must learn margins rather than
//! zero-versus-nonzero: short excursions (a door opened at a hub), shipments a little late,
//! an occasional unit miscounted at receipt, a rare mis-scan. Anomalies vary in severity,
//! some of them barely past normal.

use crate::journey::{Journey, Line, Moment, Observation, Party, Place, Sensor};
use medchain_primitives::holds::ReasonCode;
use rand::{seq::SliceRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

const MINUTE: Moment = 60 * 1000;
const HOUR: Moment = 60 * MINUTE;
const DAY: Moment = 24 * HOUR;
/// 2023-11-14, the epoch journeys start from.
const START: Moment = 1_700_000_000_000;

/// What a journey is: normal, or which anomaly was injected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
	/// Nothing wrong.
	Normal,
	/// The temperature left the range for long, or far.
	ColdChainBreach,
	/// The shipment went through places that are none of its parties'.
	Diversion,
	/// Units went missing between sender and receiver.
	Skimming,
	/// Packs it carries were scanned elsewhere: clones are about.
	CounterfeitClones,
	/// It stopped moving and went quiet.
	Stalled,
}

impl Kind {
	/// Every kind, in class order (the model's class index is the position here).
	pub const ALL: [Kind; 6] = [
		Kind::Normal,
		Kind::ColdChainBreach,
		Kind::Diversion,
		Kind::Skimming,
		Kind::CounterfeitClones,
		Kind::Stalled,
	];

	/// The class index of this kind.
	pub fn class(self) -> usize {
		Kind::ALL.iter().position(|k| *k == self).unwrap_or(0)
	}

	/// The reason code that names this kind of anomaly best.
	pub fn primary_reason(self) -> Option<ReasonCode> {
		match self {
			Kind::Normal => None,
			Kind::ColdChainBreach => Some(ReasonCode::TemperatureExcursion),
			Kind::Diversion => Some(ReasonCode::RouteDeviation),
			Kind::Skimming => Some(ReasonCode::QuantityGap),
			Kind::CounterfeitClones => Some(ReasonCode::CloneScan),
			Kind::Stalled => Some(ReasonCode::TransitDelay),
		}
	}

	/// The kind of a class index.
	pub fn of_class(class: usize) -> Option<Kind> {
		Kind::ALL.get(class).copied()
	}
}

/// One generated example: the journey, when it is looked at, and what it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
	/// The shipment so far.
	pub journey: Journey,
	/// When the oracle looks at it.
	pub now: Moment,
	/// What it is.
	pub kind: Kind,
}

/// The share of normal journeys in a generated set; the rest is split evenly among the
/// anomalies.
pub const NORMAL_SHARE: f64 = 0.7;

/// `count` examples from `seed`.
pub fn generate(seed: u64, count: usize) -> Vec<Example> {
	let mut rng = ChaCha8Rng::seed_from_u64(seed);
	(0..count)
		.map(|_| {
			let kind = if rng.gen_bool(NORMAL_SHARE) {
				Kind::Normal
			} else {
				*Kind::ALL[1..].choose(&mut rng).unwrap_or(&Kind::Normal)
			};
			example(&mut rng, kind)
		})
		.collect()
}

/// A journey of `kind`.
pub fn example(rng: &mut ChaCha8Rng, kind: Kind) -> Example {
	let shipped_at = START + rng.gen_range(0..365 * DAY);
	let expected = rng.gen_range(6 * HOUR..72 * HOUR);
	let cold = rng.gen_bool(0.5);
	let temperature = if cold { (20, 80) } else { (150, 250) };
	let lines = (0..rng.gen_range(1..=3))
		.map(|_| Line {
			quantity: rng.gen_range(10..=500),
			counted: None,
			expires_at: shipped_at + rng.gen_range(120 * DAY..3 * 365 * DAY),
		})
		.collect();
	let mut journey = Journey {
		shipped_at,
		expected_arrival: shipped_at + expected,
		temperature,
		lines,
		events: Vec::new(),
		received_at: None,
		clone_scans: 0,
	};

	// How far along it is looked at, and whether it has arrived: a stalled shipment never
	// has; a skimmed one is found out at receipt.
	let (received, progress) = match kind {
		Kind::Stalled => (false, rng.gen_range(1.6..4.0)),
		Kind::Skimming => (true, rng.gen_range(0.7..1.3)),
		Kind::Diversion => (rng.gen_bool(0.4), rng.gen_range(1.1..2.2)),
		_ => {
			let received = rng.gen_bool(0.5);
			// Some trucks are late, and say so on the way.
			(received, if received { rng.gen_range(0.6..1.5) } else { rng.gen_range(0.1..1.3) })
		}
	};
	let elapsed = (expected as f64 * progress) as Moment;
	let now = shipped_at + elapsed + if received { rng.gen_range(0..6 * HOUR) } else { 0 };
	if received {
		journey.received_at = Some(shipped_at + elapsed);
	}

	// Events: the sender at dispatch, the carrier at hubs along the way, the receiver on
	// arrival. A stalled shipment's events stop early.
	let heard_until = match kind {
		Kind::Stalled => (expected as f64 * rng.gen_range(0.1..0.6)) as Moment,
		_ => elapsed,
	};
	journey.events.push(observation(shipped_at, Party::Sender, Party::Sender, None));
	let hubs = rng.gen_range(1..=4);
	for hub in 1..=hubs {
		let at = shipped_at + heard_until * hub / (hubs + 1);
		let sensor = normal_sensor(rng, temperature);
		journey.events.push(observation(at, Party::Carrier, Party::Carrier, Some(sensor)));
	}
	if let Some(arrival) = journey.received_at {
		journey.events.push(observation(arrival, Party::Receiver, Party::Receiver, None));
		for line in &mut journey.lines {
			// One line in twenty is a unit or two short: miscounted or damaged.
			let miscount = if rng.gen_bool(1.0 / 20.0) { rng.gen_range(1..=2) } else { 0 };
			line.counted = Some(line.quantity - miscount);
		}
	}
	// A rare mis-scan in normal traffic.
	if rng.gen_bool(0.005) {
		journey.clone_scans = 1;
	}

	inject(rng, kind, &mut journey, heard_until);
	journey.events.sort_by_key(|e| e.at);
	Example { journey, now, kind }
}

fn observation(at: Moment, place: Party, by: Party, sensor: Option<Sensor>) -> Observation {
	Observation { at, place: Place::Party(place), recorded_by: by, sensor }
}

/// Readings inside the range, with the occasional short excursion (a door left open).
fn normal_sensor(rng: &mut ChaCha8Rng, (low, high): (i16, i16)) -> Sensor {
	let span = high - low;
	let mut sensor = Sensor {
		min: low + rng.gen_range(0..span / 3),
		max: high - rng.gen_range(0..span / 3),
		minutes_outside: 0,
	};
	if rng.gen_bool(0.15) {
		sensor.minutes_outside = rng.gen_range(1..=30);
		sensor.max = high + rng.gen_range(1..=20);
	}
	sensor
}

fn inject(rng: &mut ChaCha8Rng, kind: Kind, journey: &mut Journey, heard_until: Moment) {
	let (low, high) = journey.temperature;
	let shipped_at = journey.shipped_at;
	match kind {
		Kind::Normal | Kind::Stalled => {}
		Kind::ColdChainBreach => {
			let carrier_events: Vec<usize> = journey
				.events
				.iter()
				.enumerate()
				.filter(|(_, e)| e.sensor.is_some())
				.map(|(i, _)| i)
				.collect();
			let index = *carrier_events.choose(rng).unwrap_or(&0);
			let minutes = rng.gen_range(25..=720);
			let sensor = if rng.gen_bool(0.5) {
				Sensor {
					min: low + 5,
					max: high + rng.gen_range(15..=150),
					minutes_outside: minutes,
				}
			} else {
				Sensor {
					min: low - rng.gen_range(15..=100),
					max: high - 5,
					minutes_outside: minutes,
				}
			};
			if let Some(event) = journey.events.get_mut(index) {
				event.sensor = Some(sensor);
			}
		}
		Kind::Diversion => {
			for _ in 0..rng.gen_range(1..=3) {
				let at = shipped_at + rng.gen_range(0..heard_until.max(1));
				let gln = rng.gen_range(1_000_000_000_000..10_000_000_000_000);
				let by = if rng.gen_bool(0.3) { Party::Other } else { Party::Carrier };
				let sensor = Some(normal_sensor(rng, (low, high)));
				journey.events.push(Observation {
					at,
					place: Place::Foreign(gln),
					recorded_by: by,
					sensor,
				});
			}
		}
		Kind::Skimming => {
			let total: u32 = journey.lines.iter().map(|l| l.quantity).sum();
			// Enough to matter: at least three units, or 2 % of the shipment.
			let taken = ((f64::from(total) * rng.gen_range(0.02..0.4)) as u32).max(3);
			let mut left = taken;
			for line in &mut journey.lines {
				let here = left.min(line.quantity.saturating_sub(1));
				line.counted = Some(line.quantity - here);
				left -= here;
			}
		}
		Kind::CounterfeitClones => {
			journey.clone_scans = rng.gen_range(2..=8);
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::features::{extract, NAMES};

	#[test]
	fn the_same_seed_gives_the_same_set() {
		assert_eq!(generate(7, 200), generate(7, 200));
		assert_ne!(generate(7, 200), generate(8, 200));
	}

	#[test]
	fn every_kind_is_generated_in_roughly_its_share() {
		let set = generate(1, 6_000);
		let normal = set.iter().filter(|e| e.kind == Kind::Normal).count() as f64;
		assert!((normal / 6_000.0 - NORMAL_SHARE).abs() < 0.03);
		for kind in &Kind::ALL[1..] {
			let n = set.iter().filter(|e| e.kind == *kind).count();
			assert!(n > 250, "{kind:?}: {n}");
		}
	}

	#[test]
	fn injected_anomalies_show_in_their_features() {
		let mut rng = ChaCha8Rng::seed_from_u64(3);
		let f = |rng: &mut ChaCha8Rng, kind, name: &str| {
			let e = example(rng, kind);
			extract(&e.journey, e.now)[NAMES.iter().position(|n| *n == name).unwrap()]
		};
		for _ in 0..50 {
			assert!(f(&mut rng, Kind::ColdChainBreach, "excursion_hours") >= 25.0 / 60.0);
			assert!(f(&mut rng, Kind::Diversion, "foreign_read_points") >= 1.0);
			assert!(f(&mut rng, Kind::Skimming, "missing_units_log") >= 3f64.ln_1p());
			assert!(f(&mut rng, Kind::CounterfeitClones, "clone_scans") >= 2.0);
			assert!(f(&mut rng, Kind::Stalled, "silence_ratio") > 0.9);
			assert_eq!(f(&mut rng, Kind::Normal, "foreign_read_points"), 0.0);
		}
	}
}
