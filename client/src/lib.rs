//! # MedChain's chain client
//!
//! What every off-chain MedChain service needs from the chain, in one crate, so that the
//! anomaly oracle and the record gateway read and write it the same way:
//!
//! - [`chain`]: the connection type, the runtime's own types, reads at one block (the block's
//!   time, the participant registry, a shipment as the drug-tracking pallet records it, what
//!   a block's events touch).
//! - [`contract`]: an ink! contract from its `.contract` metadata: messages checked by name
//!   and arguments, dry runs, the `Contracts::call`, events decoded by signature topic.
//! - [`extrinsic`]: extrinsics signed with an explicit nonce and a mortal era, watched until
//!   finalised, and settled by the signer's nonce when the watch is lost.
//! - [`follow`]: every finalised block once, in order, across reconnections and restarts,
//!   with the chain's reachability published for the service to answer by.
//! - [`store`]: files replaced whole or not at all.
//!
//! It knows MedChain but nothing of any one service: models and journeys are the oracle's,
//! records and FHIR the gateway's.

pub mod chain;
pub mod contract;
pub mod extrinsic;
pub mod follow;
pub mod store;
