import { sleep } from 'n8n-workflow';

/** Three retries spread over about two seconds: long enough for WeCom's "busy", short for a flow. */
export const MAX_RETRIES = 3;
const BASE_DELAY_MS = 250;

export function backoffDelay(attempt: number): number {
	const jitter = Math.floor(Math.random() * BASE_DELAY_MS);
	return BASE_DELAY_MS * 2 ** attempt + jitter;
}

/** Waits before the next attempt, unless the wait would end past the deadline. */
export async function waitBeforeRetry(attempt: number, deadline?: number): Promise<boolean> {
	const delay = backoffDelay(attempt);
	if (deadline !== undefined && Date.now() + delay >= deadline) return false;
	await sleep(delay);
	return true;
}
