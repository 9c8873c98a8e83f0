/**
 * The 1,000-callback burst of the reliability and queue suites: 50 senders, each posting the next
 * callback as soon as its previous one is answered, on both n8n lines.
 *
 * `N8N_E2E_BURST_PACE=<per second>` starts the callbacks on a fixed schedule instead (still at most
 * 50 in flight), for comparing a run with a sustained rate; unset or `none` = unpaced.
 */
export const BURST_EVENTS = 1000;
export const BURST_SENDERS = 50;

export function burstPace(): number | undefined {
	const pace = process.env.N8N_E2E_BURST_PACE;
	if (pace === undefined || pace === '' || pace === 'none') return undefined;
	const perSecond = Number(pace);
	if (!(perSecond > 0))
		throw new Error(`N8N_E2E_BURST_PACE must be a rate per second or "none", got "${pace}"`);
	return perSecond;
}

/** " started at 10/s" when paced, for test names. */
export function burstPaceLabel(): string {
	const pace = burstPace();
	return pace === undefined ? '' : ` started at ${pace}/s`;
}

/** Waits until callback `index` of a burst that began at `startedAt` is due (paced runs only). */
export async function waitForTurn(index: number, startedAt: number): Promise<void> {
	const pace = burstPace();
	if (pace === undefined) return;
	const due = startedAt + (index * 1000) / pace;
	if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
}
