//! Pallet configuration, one module per concern.

mod account_tools;
#[cfg(feature = "runtime-benchmarks")]
mod benchmark_helper;
mod consensus;
mod consent;
mod contracts;
mod drug_tracking;
mod governance;
mod monetary;
mod participants;
mod system;

pub use account_tools::ProxyType;
#[cfg(feature = "runtime-benchmarks")]
pub use benchmark_helper::BenchmarkHelper;
pub use contracts::CONTRACTS_DEBUG_OUTPUT;
pub use contracts::CONTRACTS_EVENTS;
pub use governance::{CouncilInstance, CouncilOrRoot};
pub use monetary::FeeAdjustment;
pub use system::RuntimeBlockWeights;
