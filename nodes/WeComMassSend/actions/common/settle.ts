/**
 * A promise's outcome as a value. Lets an operation inspect a WeCom error (e.g. 41051 is not a
 * failure for a welcome message) and pass the original NodeApiError on unchanged.
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return await promise.then(
		(value): Settled<T> => ({ ok: true, value }),
		(error: unknown): Settled<T> => ({ ok: false, error }),
	);
}
