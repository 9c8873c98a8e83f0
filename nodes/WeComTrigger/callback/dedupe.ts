/**
 * Which events this process has handed to n8n, per trigger, keyed by `eventKey` (eventKey.ts).
 *
 * How long an event is remembered: at least DEDUPE_TTL_MS after receipt (WeCom re-sends within
 * seconds), and at least as long as the replay window (replay.ts) still accepts its signed
 * timestamp — the window is measured on that timestamp, not on receipt, so with a clock behind
 * WeCom's or a wide window a recorded callback is accepted long after receipt. In one process a
 * replayed event is therefore either still remembered here or refused by the window.
 *
 * An event is only *pending* while n8n has not answered its request: n8n 2.x answers once it has
 * stored (or queued) the execution and answers an error when it could not. A re-send that arrives
 * meanwhile waits for that answer; when n8n failed, the event is forgotten and the re-send starts
 * the run instead of being dropped as a duplicate.
 */
export const DEDUPE_TTL_MS = 5 * 60 * 1000;
/** Per trigger: enough for 13 events a second over the widest (1-hour) window; ≈ 100 bytes each. */
export const DEDUPE_MAX_ENTRIES = 50_000;
/** How long a re-send waits for n8n's answer to the first delivery (WeCom gives up after 5 s). */
export const PENDING_WAIT_MS = 4_000;

/** What a delivery of an event finds. */
export type Claim =
	| { status: 'new'; settle: (stored: boolean) => void }
	| { status: 'seen' }
	| { status: 'pending'; outcome: Promise<boolean> };

interface Entry {
	expiresAt: number;
	/** Set while n8n has not answered the delivery that claimed the event. */
	outcome?: Promise<boolean>;
}

/**
 * Insertion-ordered map of events with their own expiry; bounded: expired entries go first, then,
 * when it is still full, the oldest.
 */
export class TtlSet {
	private readonly entries = new Map<string, Entry>();
	private sweptAt = -Infinity;

	constructor(
		private readonly ttlMs = DEDUPE_TTL_MS,
		private readonly maxEntries = DEDUPE_MAX_ENTRIES,
	) {}

	get size(): number {
		return this.entries.size;
	}

	/** Adds the key as seen; returns false when it was already present and not yet expired. */
	addIfAbsent(key: string, now = Date.now(), expiresAt = now + this.ttlMs): boolean {
		const claim = this.claim(key, now, expiresAt);
		if (claim.status !== 'new') return false;
		claim.settle(true);
		return true;
	}

	/**
	 * Claims the event for this delivery. `new`: nobody has it; call settle(true) once n8n took it,
	 * settle(false) when it did not (the event is forgotten). `pending`: another delivery is waiting
	 * for n8n; `seen`: n8n took it.
	 */
	claim(key: string, now = Date.now(), expiresAt = now + this.ttlMs): Claim {
		this.prune(now);
		const known = this.entries.get(key);
		if (known !== undefined && known.expiresAt > now) {
			return known.outcome === undefined
				? { status: 'seen' }
				: { status: 'pending', outcome: known.outcome };
		}
		this.entries.delete(key);
		let resolve!: (stored: boolean) => void;
		const entry: Entry = {
			expiresAt: Math.max(expiresAt, now + this.ttlMs),
			outcome: new Promise<boolean>((r) => (resolve = r)),
		};
		this.entries.set(key, entry);
		this.bound(now);
		let settled = false;
		return {
			status: 'new',
			settle: (stored: boolean) => {
				if (settled) return;
				settled = true;
				entry.outcome = undefined;
				if (!stored && this.entries.get(key) === entry) this.entries.delete(key);
				resolve(stored);
			},
		};
	}

	private prune(now: number): void {
		// Expiry follows insertion order closely (one window per trigger), so the front goes first.
		for (const [key, entry] of this.entries) {
			if (entry.expiresAt > now) break;
			this.entries.delete(key);
		}
	}

	private bound(now: number): void {
		if (this.entries.size <= this.maxEntries) return;
		if (now - this.sweptAt >= 1000 || now < this.sweptAt) {
			this.sweptAt = now;
			for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
		}
		while (this.entries.size > this.maxEntries) {
			this.entries.delete(this.entries.keys().next().value as string);
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
