//! Pallet configuration, one module per concern.

mod account_tools;
mod consensus;
mod consent;
mod contracts;
mod monetary;
mod participants;
mod system;

pub use account_tools::ProxyType;
pub use contracts::CONTRACTS_DEBUG_OUTPUT;
pub use contracts::CONTRACTS_EVENTS;
pub use system::RuntimeBlockWeights;
