//! Shared, `no_std` types of MedChain.
//!
//! Everything that crosses a boundary between the runtime and the ink! contracts (or an
//! off-chain client) is defined here once, so both sides encode and decode the same SCALE
//! bytes and cannot drift apart. This crate depends on `parity-scale-codec`, `scale-info`
//! and `serde` (for genesis JSON) only, so an ink! contract can use it without the SDK.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod benchmarking;
pub mod chain_extension;
pub mod consent;
pub mod holds;
pub mod paging;
pub mod participants;
pub mod tracking;
