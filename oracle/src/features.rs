//! The features a shipment is scored on, computed from a [`Journey`] at a moment.
//!
//! Each feature is scaled so that normal traffic sits between 0 and about 1 (hours, ratios,
//! fractions, counts), which lets a linear model weigh them without a separate scaler and
//! makes each feature's contribution to a score readable.

use crate::journey::{Journey, Moment, Party, Place};
use medchain_primitives::holds::ReasonCode;

const HOUR: f64 = 60.0 * 60.0 * 1000.0;
const YEAR: f64 = 365.0 * 24.0 * HOUR;

/// The number of features.
pub const FEATURES: usize = 10;

/// A shipment's features, in [`NAMES`] order.
pub type Features = [f64; FEATURES];

/// The features' names, as the model file and the evidence records list them.
pub const NAMES: [&str; FEATURES] = [
	"excursion_hours",
	"peak_deviation_celsius",
	"transit_ratio",
	"silence_ratio",
	"missing_fraction",
	"missing_units_log",
	"foreign_read_points",
	"unexpected_recorders",
	"clone_scans",
	"shelf_life_years",
];

/// The reason code each feature stands for, if any (shelf life only shades a score).
pub const REASONS: [Option<ReasonCode>; FEATURES] = [
	Some(ReasonCode::TemperatureExcursion),
	Some(ReasonCode::TemperatureExcursion),
	Some(ReasonCode::TransitDelay),
	Some(ReasonCode::TransitDelay),
	Some(ReasonCode::QuantityGap),
	Some(ReasonCode::QuantityGap),
	Some(ReasonCode::RouteDeviation),
	Some(ReasonCode::CustodyPattern),
	Some(ReasonCode::CloneScan),
	None,
];

/// The features of `journey` as seen at `now` (a received journey is judged as of its
/// receipt).
///
/// - `excursion_hours`: hours the sensors spent outside the range, over all events.
/// - `peak_deviation_celsius`: how far (°C) the worst reading went past the range.
/// - `transit_ratio`: time in transit over the expected transit time.
/// - `silence_ratio`: for a shipment in transit, time since its last event over the
///   expected transit time (a stalled shipment goes quiet); 0 once received.
/// - `missing_fraction`: the fraction of shipped units missing at receipt; 0 before.
/// - `missing_units_log`: ln(1 + units missing at receipt): one miscounted unit is
///   ordinary, a dozen is not, whatever the shipment's size.
/// - `foreign_read_points`: distinct locations of events that belong to none of the
///   sender, carrier and receiver.
/// - `unexpected_recorders`: events recorded by someone other than those three (a
///   regulator's inspection is expected).
/// - `clone_scans`: scans of its packs where they cannot be.
/// - `shelf_life_years`: the shortest time to expiry among its batches when shipped.
pub fn extract(journey: &Journey, now: Moment) -> Features {
	let end = journey.received_at.unwrap_or(now).max(journey.shipped_at);
	let expected = journey.expected_arrival.saturating_sub(journey.shipped_at).max(1) as f64;
	let (low, high) = journey.temperature;

	let mut minutes_outside = 0u64;
	let mut peak = 0i32;
	let mut foreign = Vec::new();
	let mut unexpected = 0u32;
	for event in &journey.events {
		if let Some(sensor) = event.sensor {
			minutes_outside += u64::from(sensor.minutes_outside);
			let above = i32::from(sensor.max) - i32::from(high);
			let below = i32::from(low) - i32::from(sensor.min);
			peak = peak.max(above).max(below);
		}
		if let Place::Foreign(gln) = event.place {
			if !foreign.contains(&gln) {
				foreign.push(gln);
			}
		}
		if event.recorded_by == Party::Other {
			unexpected += 1;
		}
	}

	let last_sign = journey.events.iter().map(|e| e.at).max().unwrap_or(journey.shipped_at);
	let silence = match journey.received_at {
		Some(_) => 0.0,
		None => end.saturating_sub(last_sign.max(journey.shipped_at)) as f64 / expected,
	};

	let shipped: u64 = journey.lines.iter().map(|l| u64::from(l.quantity)).sum();
	let missing: u64 = journey
		.lines
		.iter()
		.filter_map(|l| l.counted.map(|c| u64::from(l.quantity.saturating_sub(c))))
		.sum();
	let fraction = if shipped == 0 { 0.0 } else { missing as f64 / shipped as f64 };

	let shelf_life = journey
		.lines
		.iter()
		.map(|l| l.expires_at.saturating_sub(journey.shipped_at) as f64 / YEAR)
		.fold(f64::INFINITY, f64::min);

	[
		minutes_outside as f64 / 60.0,
		f64::from(peak.max(0)) / 10.0,
		end.saturating_sub(journey.shipped_at) as f64 / expected,
		silence,
		fraction,
		(missing as f64).ln_1p(),
		foreign.len() as f64,
		f64::from(unexpected),
		f64::from(journey.clone_scans),
		if shelf_life.is_finite() { shelf_life } else { 0.0 },
	]
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::journey::{Line, Observation, Sensor};

	const H: Moment = 60 * 60 * 1000;
	const T0: Moment = 1_700_000_000_000;

	fn journey() -> Journey {
		Journey {
			shipped_at: T0,
			expected_arrival: T0 + 10 * H,
			temperature: (20, 80),
			lines: vec![
				Line { quantity: 60, counted: None, expires_at: T0 + 2 * 365 * 24 * H },
				Line { quantity: 40, counted: None, expires_at: T0 + 365 * 24 * H },
			],
			events: vec![
				Observation {
					at: T0,
					place: Place::Party(Party::Sender),
					recorded_by: Party::Sender,
					sensor: None,
				},
				Observation {
					at: T0 + 4 * H,
					place: Place::Party(Party::Carrier),
					recorded_by: Party::Carrier,
					sensor: Some(Sensor { min: 30, max: 70, minutes_outside: 0 }),
				},
			],
			received_at: None,
			clone_scans: 0,
		}
	}

	fn feature(features: &Features, name: &str) -> f64 {
		features[NAMES.iter().position(|n| *n == name).unwrap()]
	}

	#[test]
	fn a_calm_journey_in_transit() {
		let f = extract(&journey(), T0 + 5 * H);
		assert_eq!(f, [0.0, 0.0, 0.5, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
	}

	#[test]
	fn temperature_excursions_add_up_and_the_worst_reading_counts() {
		let mut j = journey();
		j.events[1].sensor = Some(Sensor { min: 5, max: 70, minutes_outside: 45 });
		j.events.push(Observation {
			at: T0 + 6 * H,
			place: Place::Party(Party::Carrier),
			recorded_by: Party::Carrier,
			sensor: Some(Sensor { min: 30, max: 112, minutes_outside: 75 }),
		});
		let f = extract(&j, T0 + 7 * H);
		assert_eq!(feature(&f, "excursion_hours"), 2.0);
		// 11.2 °C against an 8 °C ceiling beats 0.5 °C against a 2 °C floor.
		assert!((feature(&f, "peak_deviation_celsius") - 3.2).abs() < 1e-9);
	}

	#[test]
	fn transit_and_silence_are_measured_against_the_expected_time() {
		let j = journey();
		// Twenty hours in, the last sign of life sixteen hours ago.
		let f = extract(&j, T0 + 20 * H);
		assert_eq!(feature(&f, "transit_ratio"), 2.0);
		assert_eq!(feature(&f, "silence_ratio"), 1.6);
		// Once received, transit stops at receipt and silence no longer counts.
		let mut received = j.clone();
		received.received_at = Some(T0 + 12 * H);
		let f = extract(&received, T0 + 40 * H);
		assert_eq!(feature(&f, "transit_ratio"), 1.2);
		assert_eq!(feature(&f, "silence_ratio"), 0.0);
	}

	#[test]
	fn missing_units_at_receipt_are_a_fraction_of_those_shipped() {
		let mut j = journey();
		assert_eq!(feature(&extract(&j, T0 + H), "missing_fraction"), 0.0);
		j.lines[0].counted = Some(51);
		j.lines[1].counted = Some(39);
		j.received_at = Some(T0 + 9 * H);
		let f = extract(&j, T0 + 9 * H);
		assert_eq!(feature(&f, "missing_fraction"), 0.1);
		assert_eq!(feature(&f, "missing_units_log"), 11f64.ln());
	}

	#[test]
	fn foreign_places_count_once_and_strangers_each_time() {
		let mut j = journey();
		for (gln, by) in [(7, Party::Carrier), (7, Party::Other), (8, Party::Other)] {
			j.events.push(Observation {
				at: T0 + 5 * H,
				place: Place::Foreign(gln),
				recorded_by: by,
				sensor: None,
			});
		}
		j.events.push(Observation {
			at: T0 + 5 * H,
			place: Place::Unknown,
			recorded_by: Party::Receiver,
			sensor: None,
		});
		let f = extract(&j, T0 + 6 * H);
		assert_eq!(feature(&f, "foreign_read_points"), 2.0);
		assert_eq!(feature(&f, "unexpected_recorders"), 2.0);
	}

	#[test]
	fn clone_scans_and_the_shortest_shelf_life() {
		let mut j = journey();
		j.clone_scans = 3;
		let f = extract(&j, T0 + H);
		assert_eq!(feature(&f, "clone_scans"), 3.0);
		assert_eq!(feature(&f, "shelf_life_years"), 1.0);
	}

	#[test]
	fn every_feature_but_shelf_life_names_a_reason() {
		let named = REASONS.iter().filter(|r| r.is_some()).count();
		assert_eq!(named, FEATURES - 1);
		assert_eq!(
			REASONS[NAMES.iter().position(|n| *n == "clone_scans").unwrap()],
			Some(ReasonCode::CloneScan)
		);
	}
}
