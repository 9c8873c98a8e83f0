/**
 * The 1,000-callback burst of the reliability and queue suites: 50 senders, each posting the next
 * callback as soon as its previous one is answered — or, on a line that cannot take that on this
 * project's 2-core machines, started on a fixed schedule.
 *
 * Line 2 (n8n 2.41, default `vm` engine) answers callbacks faster than it can run their executions:
 * n8n builds an expression isolate in the webhook phase for every community trigger (it skips that
 * only for its own Webhook node) and another per execution. Measured here: unpaced, 1,000 callbacks
 * arrived at 36/s and one n8n ran their executions at ~5/s (986 codes expired, each failing without
 * a WeCom call); the queue topology holds about 15/s (`npm run bench:capacity`). An unpaced burst
 * there measures the machine, not the package, so line 2 sends the same 1,000 at 10 a second.
 */
export const BURST_EVENTS = 1000;
export const BURST_SENDERS = 50;
const PACE_PER_SECOND: Record<string, number | undefined> = { '2': 10 };

export function burstPace(line: string): number | undefined {
	return PACE_PER_SECOND[line];
}

/** " started at 10/s" for a paced line, for test names. */
export function burstPaceLabel(line: string): string {
	const pace = burstPace(line);
	return pace === undefined ? '' : ` started at ${pace}/s`;
}

/** Waits until callback `index` of a burst that began at `startedAt` is due. */
export async function waitForTurn(line: string, index: number, startedAt: number): Promise<void> {
	const pace = burstPace(line);
	if (pace === undefined) return;
	const due = startedAt + (index * 1000) / pace;
	if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
}
