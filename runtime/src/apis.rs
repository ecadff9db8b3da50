//! The runtime APIs the node, RPC clients (polkadot.js, subxt) and tools call.

use crate::{
	configs::{RuntimeBlockWeights, CONTRACTS_DEBUG_OUTPUT, CONTRACTS_EVENTS},
	AccountId, Aura, Balance, Block, BlockNumber, Consent, Contracts, DrugTracking, Executive,
	Grandpa, Hash, InherentDataExt, Nonce, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, System, Timestamp, TransactionPayment, VERSION,
};
use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_config, create_default_config},
	weights::Weight,
};
use medchain_primitives::{
	consent::{AccessQuery, Action, DataTag, Decision, EpisodeId, Moment, Purpose, TagSecret},
	paging::Page,
};
use pallet_consent::{ConsentId, ConsentStatus, RequestId};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

type EventRecord = frame_system::EventRecord<RuntimeEvent, Hash>;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: Block) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			sp_metadata_ir::into_version(metadata_with_apis(), version)
				.map(|prefixed| OpaqueMetadata::new(prefixed.into()))
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: Block,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(seed: Option<Vec<u8>>) -> Vec<u8> {
			crate::opaque::SessionKeys::generate(seed)
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			crate::opaque::SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		// Validators are set by governance and there is no staking to slash, so
		// equivocation reports are not processed on chain.
		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_contracts::ContractsApi<Block, AccountId, Balance, BlockNumber, Hash, EventRecord>
		for Runtime
	{
		fn call(
			origin: AccountId,
			dest: AccountId,
			value: Balance,
			gas_limit: Option<Weight>,
			storage_deposit_limit: Option<Balance>,
			input_data: Vec<u8>,
		) -> pallet_contracts::ContractExecResult<Balance, EventRecord> {
			let gas_limit = gas_limit.unwrap_or(RuntimeBlockWeights::get().max_block);
			Contracts::bare_call(
				origin,
				dest,
				value,
				gas_limit,
				storage_deposit_limit,
				input_data,
				CONTRACTS_DEBUG_OUTPUT,
				CONTRACTS_EVENTS,
				pallet_contracts::Determinism::Enforced,
			)
		}

		fn instantiate(
			origin: AccountId,
			value: Balance,
			gas_limit: Option<Weight>,
			storage_deposit_limit: Option<Balance>,
			code: pallet_contracts::Code<Hash>,
			data: Vec<u8>,
			salt: Vec<u8>,
		) -> pallet_contracts::ContractInstantiateResult<AccountId, Balance, EventRecord> {
			let gas_limit = gas_limit.unwrap_or(RuntimeBlockWeights::get().max_block);
			Contracts::bare_instantiate(
				origin,
				value,
				gas_limit,
				storage_deposit_limit,
				code,
				data,
				salt,
				CONTRACTS_DEBUG_OUTPUT,
				CONTRACTS_EVENTS,
			)
		}

		fn upload_code(
			origin: AccountId,
			code: Vec<u8>,
			storage_deposit_limit: Option<Balance>,
			determinism: pallet_contracts::Determinism,
		) -> pallet_contracts::CodeUploadResult<Hash, Balance> {
			Contracts::bare_upload_code(origin, code, storage_deposit_limit, determinism)
		}

		fn get_storage(
			address: AccountId,
			key: Vec<u8>,
		) -> pallet_contracts::GetStorageResult {
			Contracts::get_storage(address, key)
		}
	}

	impl pallet_consent::runtime_api::ConsentApi<Block, AccountId, pallet_consent::EpisodeOf<Runtime>>
		for Runtime
	{
		fn check_access(
			patient: AccountId,
			accessor: AccountId,
			purpose: Purpose,
			data_tag: DataTag,
			action: Action,
			record_date: Option<Moment>,
			at: Option<Moment>,
			emergency: Option<TagSecret>,
		) -> Decision {
			let query = AccessQuery { purpose, data_tag, action, record_date };
			let at = at.unwrap_or_else(Timestamp::now);
			Consent::check_access(&patient, &accessor, &query, at, emergency.as_ref())
		}

		fn consents_of(patient: AccountId) -> Vec<(ConsentId, ConsentStatus)> {
			Consent::consents_of(&patient, Timestamp::now())
		}

		fn consents_for(
			accessor: AccountId,
			cursor: Option<pallet_consent::ConsentsForCursor>,
			limit: u32,
		) -> Page<(ConsentId, ConsentStatus), pallet_consent::ConsentsForCursor> {
			Consent::consents_for(&accessor, Timestamp::now(), cursor, limit)
		}

		fn pending_requests(patient: AccountId) -> Vec<RequestId> {
			Consent::pending_requests(&patient, Timestamp::now())
		}

		fn unreviewed_break_glass(
			after: Option<EpisodeId>,
			limit: u32,
		) -> Page<(EpisodeId, pallet_consent::EpisodeOf<Runtime>), EpisodeId> {
			Consent::unreviewed_episodes(after, limit)
		}
	}

	impl pallet_drug_tracking::runtime_api::DrugTrackingApi<
		Block,
		pallet_drug_tracking::BatchHistoryOf<Runtime>,
		pallet_drug_tracking::ShipmentViewOf<Runtime>,
		pallet_drug_tracking::BatchHistoryPageOf<Runtime>,
		AccountId,
	> for Runtime
	{
		fn verify_pack(
			gtin: u64,
			serial: pallet_drug_tracking::SerialNumber,
			lot: pallet_drug_tracking::Lot,
			expiry: pallet_drug_tracking::ExpiryDate,
		) -> pallet_drug_tracking::Verdict {
			DrugTracking::verify_pack(gtin, &serial, &lot, expiry, Timestamp::now())
		}

		fn batch_history(
			batch: pallet_drug_tracking::BatchId,
			from: Option<u32>,
			limit: u32,
		) -> Option<pallet_drug_tracking::BatchHistoryPageOf<Runtime>> {
			DrugTracking::batch_history(batch, from, limit)
		}

		fn batch_holders(
			batch: pallet_drug_tracking::BatchId,
			after: Option<AccountId>,
			limit: u32,
		) -> Option<pallet_drug_tracking::HoldersPageOf<Runtime>> {
			DrugTracking::batch_holders(batch, after, limit)
		}

		fn shipment(
			shipment: pallet_drug_tracking::ShipmentId,
		) -> Option<pallet_drug_tracking::ShipmentViewOf<Runtime>> {
			DrugTracking::shipment_view(shipment)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use crate::*;
			use frame_benchmarking::{Benchmarking, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, sp_runtime::RuntimeString> {
			use crate::*;
			use frame_benchmarking::{BenchmarkBatch, Benchmarking};
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::Pallet as SystemBench;

			let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn create_default_config() -> Vec<u8> {
			create_default_config::<RuntimeGenesisConfig>()
		}

		fn build_config(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_config::<RuntimeGenesisConfig>(config)
		}
	}
}

/// The runtime's metadata including its runtime APIs (metadata v15), which polkadot.js reads
/// to offer our own APIs (`ConsentApi`, ...) with no custom types.
///
/// `construct_runtime!` (in lib.rs) finds the APIs only through a trait that
/// `impl_runtime_apis!` declares privately in the module it expands in, this one; in
/// polkadot-sdk v1.10 that leaves them out whenever the APIs live in a module of their own.
/// So they are added here, where the trait is visible.
fn metadata_with_apis() -> sp_metadata_ir::MetadataIR {
	let mut metadata = Runtime::metadata_ir();
	metadata.apis = InternalImplRuntimeApis::runtime_metadata(&Runtime);
	metadata
}
