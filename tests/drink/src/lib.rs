//! drink!'s `Sandbox` for the real `medchain-runtime`, so contract tests run the real contract
//! Wasm against the real pallets and chain extension, starting from the dev chain's genesis
//! (its participants and funded accounts).

use drink::{AccountId32, Sandbox};
use frame_support::traits::Hooks;
use ink_sandbox::{RuntimeMetadataPrefixed, Snapshot, TestExternalities};
use medchain_runtime::{genesis_config_presets, Runtime, RuntimeGenesisConfig, RuntimeOrigin};
use sp_keyring::Sr25519Keyring;
use sp_runtime::BuildStorage;

/// The chain's time at block 1: 2026-01-01T00:00:00Z. Each later block is one slot later.
pub const GENESIS_TIME: u64 = 1_767_225_600_000;
/// The dev chain's slot, in milliseconds.
pub const SLOT: u64 = 6_000;

/// A MedChain dev chain in memory.
pub struct MedChainSandbox {
	ext: TestExternalities,
}

impl Default for MedChainSandbox {
	fn default() -> Self {
		let config: RuntimeGenesisConfig =
			serde_json::from_value(genesis_config_presets::development_config_genesis())
				.expect("the dev preset is a valid genesis config");
		let mut ext: TestExternalities = config.build_storage().expect("genesis builds").into();
		ext.execute_with(|| Self::initialize_block(1, Default::default()));
		Self { ext }
	}
}

impl Sandbox for MedChainSandbox {
	type Runtime = Runtime;

	fn execute_with<T>(&mut self, execute: impl FnOnce() -> T) -> T {
		self.ext.execute_with(execute)
	}

	fn dry_run<T>(&mut self, action: impl FnOnce(&mut Self) -> T) -> T {
		// Keep the state as it was: run on the current backend, then put the old one back.
		let backup = self.ext.as_backend();
		let result = action(self);
		self.ext.commit_all().expect("pending changes commit");
		self.ext.backend = backup;
		result
	}

	fn register_extension<E: core::any::Any + drink::sp_externalities::Extension>(
		&mut self,
		ext: E,
	) {
		self.ext.register_extension(ext);
	}

	fn initialize_block(height: u32, parent_hash: sp_core::H256) {
		frame_system::Pallet::<Runtime>::reset_events();
		frame_system::Pallet::<Runtime>::initialize(&height, &parent_hash, &Default::default());
		// Set the clock directly: the timestamp inherent would also ask Aura for the slot.
		let now = GENESIS_TIME + u64::from(height.saturating_sub(1)) * SLOT;
		pallet_timestamp::Now::<Runtime>::put(now);
		drink::pallet_contracts::Pallet::<Runtime>::on_initialize(height);
		frame_system::Pallet::<Runtime>::note_finished_initialize();
	}

	fn finalize_block(height: u32) -> sp_core::H256 {
		drink::pallet_contracts::Pallet::<Runtime>::on_finalize(height);
		frame_system::Pallet::<Runtime>::finalize().hash()
	}

	fn default_actor() -> AccountId32 {
		Sr25519Keyring::Alice.to_account_id()
	}

	fn get_metadata() -> RuntimeMetadataPrefixed {
		Runtime::metadata()
	}

	fn convert_account_to_origin(account: AccountId32) -> RuntimeOrigin {
		RuntimeOrigin::signed(account)
	}

	fn take_snapshot(&mut self) -> Snapshot {
		let mut backend = self.ext.as_backend().clone();
		let storage = backend
			.backend_storage_mut()
			.drain()
			.into_iter()
			.filter(|(_, (_, references))| *references > 0)
			.collect();
		Snapshot { storage, storage_root: *backend.root() }
	}

	fn restore_snapshot(&mut self, snapshot: Snapshot) {
		self.ext = TestExternalities::from_raw_snapshot(
			snapshot.storage,
			snapshot.storage_root,
			Default::default(),
		);
	}
}
