//! What the oracle knows about one shipment: the chain's record of it, reduced to the facts
//! the features are computed from. The chain follower builds it from the drug-tracking
//! runtime API and events; the training-set generator builds the same type, so the model
//! learns from exactly what it later sees live.

use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, as the chain's timestamps are.
pub type Moment = u64;

/// How a party stands to a shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Party {
	/// It sent the shipment.
	Sender,
	/// The carrier the sender named.
	Carrier,
	/// It is to receive the shipment.
	Receiver,
	/// A regulator inspecting it (an active `Regulator` participant): an inspection is
	/// ordinary, not a sign that the shipment went astray.
	Regulator,
	/// Anyone else (a manufacturer, a holder of the batch, a suspended regulator).
	Other,
}

/// Where an EPCIS event about the shipment happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
	/// At a location (GS1 GLN) of the sender, the carrier or the receiver, or where a
	/// regulator inspected it.
	Party(Party),
	/// At a location that belongs to none of them: a GLN of someone else, or unknown.
	Foreign(u64),
	/// The event names no read point.
	Unknown,
}

/// What the temperature sensors recorded over an event's period, in tenths of °C.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sensor {
	/// The lowest temperature recorded.
	pub min: i16,
	/// The highest temperature recorded.
	pub max: i16,
	/// Minutes spent outside the shipment's range.
	pub minutes_outside: u32,
}

/// One EPCIS event anchored on the shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
	/// When it happened.
	pub at: Moment,
	/// Where.
	pub place: Place,
	/// Who recorded it.
	pub recorded_by: Party,
	/// Sensor readings over it, if any.
	pub sensor: Option<Sensor>,
}

/// One batch on the shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
	/// Units shipped.
	pub quantity: u32,
	/// Units counted at receipt, once received.
	pub counted: Option<u32>,
	/// When the batch expires.
	pub expires_at: Moment,
}

/// A shipment as the oracle sees it at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journey {
	/// When it was shipped.
	pub shipped_at: Moment,
	/// When it is expected to arrive.
	pub expected_arrival: Moment,
	/// The range it must be kept in, tenths of °C.
	pub temperature: (i16, i16),
	/// Its batches.
	pub lines: Vec<Line>,
	/// The EPCIS events recorded on it, oldest first.
	pub events: Vec<Observation>,
	/// When it was received, if it was.
	pub received_at: Option<Moment>,
	/// How many times packs it carries by serial were scanned where they cannot be.
	pub clone_scans: u32,
}
