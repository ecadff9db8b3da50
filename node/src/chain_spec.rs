//! The built-in chains: `dev` (one node, instant seal) and `local` (Alice, Bob and Charlie
//! validating with Aura and GRANDPA).

use medchain_runtime::{genesis_config_presets, WASM_BINARY};
use sc_service::ChainType;

/// A MedChain chain specification; the genesis state comes from the runtime's presets.
pub type ChainSpec = sc_service::GenericChainSpec<()>;

fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), "MED".into());
	properties.insert("tokenDecimals".into(), 12.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the runtime's Wasm binary was not built".to_string())
}

pub fn development_config() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("MedChain Development")
		.with_id("medchain_dev")
		.with_protocol_id("medchain-dev")
		.with_chain_type(ChainType::Development)
		.with_properties(properties())
		.with_genesis_config_patch(genesis_config_presets::development_config_genesis())
		.build())
}

pub fn local_config() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("MedChain Local Testnet")
		.with_id("medchain_local")
		.with_protocol_id("medchain-local")
		.with_chain_type(ChainType::Local)
		.with_properties(properties())
		.with_genesis_config_patch(genesis_config_presets::local_config_genesis())
		.build())
}
