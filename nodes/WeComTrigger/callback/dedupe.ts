/**
 * WeCom re-sends an event up to three times within seconds; five minutes covers them all. The
 * trigger dedupes by `eventKey` (eventKey.ts); callbacks older than the replay window (replay.ts) are
 * refused before they reach this set, so in one process a replayed event is either still remembered
 * here or refused.
 */
export const DEDUPE_TTL_MS = 5 * 60 * 1000;
export const DEDUPE_MAX_ENTRIES = 10_000;

/** Insertion-ordered set whose entries expire; the oldest entries go first when it is full. */
export class TtlSet {
	private readonly entries = new Map<string, number>();

	constructor(
		private readonly ttlMs = DEDUPE_TTL_MS,
		private readonly maxEntries = DEDUPE_MAX_ENTRIES,
	) {}

	get size(): number {
		return this.entries.size;
	}

	/** Adds the key; returns false when it was already present and not yet expired. */
	addIfAbsent(key: string, now = Date.now()): boolean {
		this.prune(now);
		const expiresAt = this.entries.get(key);
		if (expiresAt !== undefined && expiresAt > now) return false;
		this.entries.delete(key);
		this.entries.set(key, now + this.ttlMs);
		while (this.entries.size > this.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
		return true;
	}

	private prune(now: number): void {
		// Entries share one TTL, so insertion order is expiry order.
		for (const [key, expiresAt] of this.entries) {
			if (expiresAt > now) break;
			this.entries.delete(key);
		}
	}
}

/** One set per trigger node (workflow id + node id), so two workflows never drop each other's events. */
const stores = new Map<string, TtlSet>();
const MAX_STORES = 1_000;

export function dedupeStoreFor(scope: string): TtlSet {
	let store = stores.get(scope);
	if (store === undefined) {
		if (stores.size >= MAX_STORES) stores.delete(stores.keys().next().value as string);
		store = new TtlSet();
		stores.set(scope, store);
	}
	return store;
}

/** For tests: forget everything seen so far. */
export function resetDedupeStores(): void {
	stores.clear();
}
