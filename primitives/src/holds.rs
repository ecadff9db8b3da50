//! The vocabulary of anomaly-triggered holds, shared by the shipment-holds contract and the
//! off-chain anomaly oracle: reason codes, the risk categories thresholds are set per,
//! carrier telemetry, and the deterministic rules telemetry is checked against.

use crate::{
	consent::Moment,
	tracking::{ShipmentState, ShipmentSummary},
};
use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The highest anomaly score (scores are in basis points: 10 000 = certain).
pub const MAX_SCORE: u16 = 10_000;

/// Why a shipment looks wrong. Codes are stable: oracles and audit records depend on them.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
pub enum ReasonCode {
	/// The temperature left the shipment's range.
	TemperatureExcursion,
	/// Transit is taking much longer than expected.
	TransitDelay,
	/// The shipment left its expected route.
	RouteDeviation,
	/// Custody moved in an unusual pattern (parties, hops, timing).
	CustodyPattern,
	/// Fewer (or more) units than shipped were counted.
	QuantityGap,
	/// A pack on the shipment was scanned where it cannot be: a suspect clone.
	CloneScan,
	/// A batch on the shipment was recalled while it travels.
	RecalledInTransit,
}

/// The number of reason codes: a report names each at most once.
pub const REASON_CODES: usize = 7;

/// The kinds of risk an admin sets a score threshold for.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum RiskCategory {
	/// Cold-chain breach: the product may be spoilt.
	ColdChain,
	/// Diversion: the product went somewhere it should not.
	Diversion,
	/// Skimming: units were taken out along the way.
	Skimming,
	/// Counterfeit: packs that are not what they claim.
	Counterfeit,
	/// Compliance: the product may not be supplied (recalled).
	Compliance,
}

/// The number of risk categories.
pub const RISK_CATEGORIES: usize = 5;

impl ReasonCode {
	/// The risk category whose threshold applies to a report giving this reason.
	pub fn category(self) -> RiskCategory {
		match self {
			Self::TemperatureExcursion => RiskCategory::ColdChain,
			Self::TransitDelay | Self::RouteDeviation | Self::CustodyPattern => {
				RiskCategory::Diversion
			}
			Self::QuantityGap => RiskCategory::Skimming,
			Self::CloneScan => RiskCategory::Counterfeit,
			Self::RecalledInTransit => RiskCategory::Compliance,
		}
	}
}

/// A carrier's telemetry summary for a shipment so far (the raw logger data stays off
/// chain; its hash is the evidence).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Telemetry {
	/// Minutes the temperature spent outside the shipment's range.
	pub minutes_outside: u32,
	/// The lowest temperature logged, in tenths of °C.
	pub min_temperature: i16,
	/// The highest temperature logged, in tenths of °C.
	pub max_temperature: i16,
	/// Units counted at a hub scan, if the carrier counted.
	pub units_counted: Option<u32>,
	/// How far the shipment strayed from its planned route, in kilometres.
	pub route_deviation_km: u32,
	/// The hash of the raw logger file.
	pub log_hash: [u8; 32],
}

/// The deterministic rules carrier telemetry and the chain's own signals are checked
/// against. A rule set to `None` (or `false`) is off.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Rules {
	/// Hold when the temperature was outside range for longer than this many minutes.
	pub max_excursion_minutes: Option<u32>,
	/// Hold when transit has lasted longer than this percentage of the expected transit
	/// time (150 = 1.5 × expected).
	pub max_transit_percent: Option<u32>,
	/// Hold when the units counted differ from those shipped by more than this many.
	pub quantity_tolerance: Option<u32>,
	/// Hold when the route deviation exceeds this many kilometres.
	pub max_route_deviation_km: Option<u32>,
	/// Hold when a pack the shipment names is a suspect clone.
	pub clone_scan: bool,
	/// Hold when a batch on the shipment is recalled while in transit.
	pub recalled_in_transit: bool,
}

impl Default for Rules {
	/// Every rule on, at conservative limits: 30 minutes out of range, 1.5 × the expected
	/// transit time, any unit missing, 50 km off route.
	fn default() -> Self {
		Rules {
			max_excursion_minutes: Some(30),
			max_transit_percent: Some(150),
			quantity_tolerance: Some(0),
			max_route_deviation_km: Some(50),
			clone_scan: true,
			recalled_in_transit: true,
		}
	}
}

impl Rules {
	/// The rules `telemetry` and `shipment` break at time `now`, in [`ReasonCode`] order.
	pub fn hits<AccountId>(
		&self,
		shipment: &ShipmentSummary<AccountId>,
		telemetry: &Telemetry,
		now: Moment,
	) -> Vec<ReasonCode> {
		let shipped: u32 = shipment.lines.iter().fold(0, |sum, l| sum.saturating_add(l.quantity));
		let expected = shipment.expected_arrival.saturating_sub(shipment.shipped_at);
		let taken = now.saturating_sub(shipment.shipped_at);
		let in_transit = shipment.state == ShipmentState::InTransit;
		[
			(
				ReasonCode::TemperatureExcursion,
				self.max_excursion_minutes.is_some_and(|n| telemetry.minutes_outside > n),
			),
			(
				ReasonCode::TransitDelay,
				self.max_transit_percent.is_some_and(|percent| {
					// u64 saturating maths (it saturates only after millions of years) keeps
					// 128-bit multiplication out of contracts.
					in_transit
						&& taken.saturating_mul(100) > expected.saturating_mul(u64::from(percent))
				}),
			),
			(
				ReasonCode::RouteDeviation,
				self.max_route_deviation_km.is_some_and(|km| telemetry.route_deviation_km > km),
			),
			(
				ReasonCode::QuantityGap,
				self.quantity_tolerance
					.zip(telemetry.units_counted)
					.is_some_and(|(tolerance, counted)| counted.abs_diff(shipped) > tolerance),
			),
			(ReasonCode::CloneScan, self.clone_scan && shipment.suspect_packs > 0),
			(
				ReasonCode::RecalledInTransit,
				self.recalled_in_transit && in_transit && shipment.lines.iter().any(|l| l.recalled),
			),
		]
		.into_iter()
		.filter_map(|(code, hit)| hit.then_some(code))
		.collect()
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::tracking::{LineSummary, TemperatureRange};
	use alloc::vec;

	const HOUR: Moment = 60 * 60 * 1000;

	fn shipment() -> ShipmentSummary<u8> {
		ShipmentSummary {
			sender: 1,
			receiver: 2,
			carrier: Some(3),
			lines: vec![
				LineSummary {
					batch: [1; 32],
					manufacturer: 1,
					quantity: 60,
					counted: None,
					recalled: false,
				},
				LineSummary {
					batch: [2; 32],
					manufacturer: 4,
					quantity: 40,
					counted: None,
					recalled: false,
				},
			],
			shipped_at: 0,
			expected_arrival: 10 * HOUR,
			temperature: TemperatureRange { min: 20, max: 80 },
			state: ShipmentState::InTransit,
			on_hold: false,
			suspect_packs: 0,
		}
	}

	fn calm() -> Telemetry {
		Telemetry {
			minutes_outside: 30,
			min_temperature: 25,
			max_temperature: 79,
			units_counted: Some(100),
			route_deviation_km: 50,
			log_hash: [9; 32],
		}
	}

	#[test]
	fn nothing_at_the_limits_breaks_a_rule() {
		assert_eq!(Rules::default().hits(&shipment(), &calm(), 15 * HOUR), vec![]);
	}

	#[test]
	fn each_rule_fires_just_past_its_limit() {
		let rules = Rules::default();
		let hits = |shipment: &ShipmentSummary<u8>, telemetry: Telemetry, now| {
			rules.hits(shipment, &telemetry, now)
		};
		let warm = Telemetry { minutes_outside: 31, ..calm() };
		assert_eq!(hits(&shipment(), warm, 0), vec![ReasonCode::TemperatureExcursion]);
		assert_eq!(hits(&shipment(), calm(), 15 * HOUR + 1), vec![ReasonCode::TransitDelay]);
		let astray = Telemetry { route_deviation_km: 51, ..calm() };
		assert_eq!(hits(&shipment(), astray, 0), vec![ReasonCode::RouteDeviation]);
		let short = Telemetry { units_counted: Some(99), ..calm() };
		assert_eq!(hits(&shipment(), short, 0), vec![ReasonCode::QuantityGap]);
		let cloned = ShipmentSummary { suspect_packs: 1, ..shipment() };
		assert_eq!(hits(&cloned, calm(), 0), vec![ReasonCode::CloneScan]);
		let mut recalled = shipment();
		recalled.lines[1].recalled = true;
		assert_eq!(hits(&recalled, calm(), 0), vec![ReasonCode::RecalledInTransit]);
		// All at once, in code order.
		let bad = Telemetry { minutes_outside: 90, units_counted: Some(3), ..astray };
		assert_eq!(
			hits(&cloned, bad, 20 * HOUR),
			vec![
				ReasonCode::TemperatureExcursion,
				ReasonCode::TransitDelay,
				ReasonCode::RouteDeviation,
				ReasonCode::QuantityGap,
				ReasonCode::CloneScan,
			]
		);
	}

	#[test]
	fn rules_that_are_off_never_fire() {
		let off = Rules {
			max_excursion_minutes: None,
			max_transit_percent: None,
			quantity_tolerance: None,
			max_route_deviation_km: None,
			clone_scan: false,
			recalled_in_transit: false,
		};
		let mut worst = ShipmentSummary { suspect_packs: 5, ..shipment() };
		worst.lines[0].recalled = true;
		let telemetry = Telemetry {
			minutes_outside: u32::MAX,
			units_counted: Some(0),
			route_deviation_km: u32::MAX,
			..calm()
		};
		assert_eq!(off.hits(&worst, &telemetry, u64::MAX), vec![]);
		// Without a count there is no quantity to compare.
		let uncounted = Telemetry { units_counted: None, ..calm() };
		assert_eq!(Rules::default().hits(&shipment(), &uncounted, 0), vec![]);
	}

	#[test]
	fn every_reason_has_a_category() {
		assert_eq!(ReasonCode::QuantityGap.category(), RiskCategory::Skimming);
		assert_eq!(ReasonCode::CustodyPattern.category(), RiskCategory::Diversion);
		assert_eq!(ReasonCode::RecalledInTransit.encode(), vec![REASON_CODES as u8 - 1]);
		assert_eq!(RiskCategory::Compliance.encode(), vec![RISK_CATEGORIES as u8 - 1]);
	}
}
