/** What changes packs, for the 话术包 section: loaded on first use or when the browser is idle, not for the first paint. */
export { PackError, explainRefusal } from '~/utils/packs/format';
export { ingestPack } from '~/utils/packs/ingest';
export { removePack } from '~/utils/packs/install';
export { isPackUrl, originPattern, removeSubscription, requestCheck } from '~/utils/packs/subscriptions';
