//! `medchain-node`: the MedChain node.

mod chain_spec;
mod cli;
mod command;
mod dev_service;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
