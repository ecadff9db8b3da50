//! # MedChain's anomaly oracle
//!
//! An off-chain service a pharma partner runs beside a MedChain node. It follows the chain,
//! keeps a [`Journey`](journey::Journey) per shipment, computes its
//! [features](features::extract), scores them with a trained [model](model::Model) and
//! reports anomalies, with the reasons behind each score, to the shipment-holds contract,
//! which decides whether to hold the shipment.
//!
//! The model is trained on a reproducible [generated](generator) set of journeys: normal
//! traffic and injected diversion, cold-chain breaches, skimming, counterfeit clones and
//! stalled shipments; [`evaluation`] measures it on a held-out set.
//!
//! ## Modules
//! The chain client it shares with the record gateway is the `medchain-client` crate (the
//! connection, the runtime's types, reads at one block, ink! contracts from their metadata,
//! signed extrinsics settled on the finalised chain, files written whole). The oracle's own:
//! [`contract`] (shipment-holds' `report_anomaly`, its answers and which refusals may pass),
//! [`mapping`] (the chain's record as a journey), [`journey`], [`features`], [`model`],
//! [`generator`], [`evaluation`], and [`follow`], the service that ties them to the client.

pub mod contract;
pub mod evaluation;
pub mod features;
pub mod follow;
pub mod generator;
pub mod journey;
pub mod mapping;
pub mod model;
