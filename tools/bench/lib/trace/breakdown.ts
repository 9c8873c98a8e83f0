/**
 * Reads what tools/bench/lib/trace/preload.js recorded inside n8n and splits each callback's path,
 * from the bench sending it to the sandbox receiving the send, into the parts n8n and the nodes
 * spend. One row per chain, medians (or p99) over the callbacks of a phase.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from '../build';
import { percentile } from '../stats';

/** Plain CommonJS, required by n8n itself: loaded from the repository, not from .build. */
export const PRELOAD = join(ROOT, 'tools', 'bench', 'lib', 'trace', 'preload.js');

interface Part {
	part: 'getCredentials' | 'request' | 'requestWithAuthentication';
	start: number;
	end: number;
}

interface TraceRecord {
	kind: 'webhook' | 'execute';
	node: string;
	code?: string;
	start: number;
	end: number;
	cpu: number;
	parts?: Part[];
}

export interface TracedShot {
	code: string;
	sentAt: number;
	arrivedAt?: number;
}

/** The parts of one callback, in ms. */
export interface Segments {
	/** callback sent → the trigger's webhook() starts: n8n's HTTP server, routing, body parsing. */
	toWebhook: number;
	/** the trigger's webhook() (wall). */
	webhook: number;
	/** CPU of the process during webhook() (sequential phase only: nothing else runs then). */
	webhookCpu: number;
	/** webhook() returned → the next node's execute() starts: n8n creates and starts the execution. */
	toExecute: number;
	/** execute() starts → its request starts (parameters, credential, token, body). */
	beforeRequest: number;
	/** getCredentials() inside execute() (wall; 0 when the node has none). */
	credentials: number;
	/** the request starts → the sandbox records its arrival. */
	requestToArrival: number;
	/** execute() (wall) and the CPU of the process during it. */
	execute: number;
	executeCpu: number;
	/** callback sent → the sandbox records the send. */
	total: number;
}

export const SEGMENT_NAMES: Array<keyof Segments> = [
	'toWebhook',
	'webhook',
	'webhookCpu',
	'toExecute',
	'beforeRequest',
	'credentials',
	'requestToArrival',
	'execute',
	'executeCpu',
	'total',
];

export function readTrace(file: string): TraceRecord[] {
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as TraceRecord);
}

/** The segments of every shot whose webhook and execute records were both found. */
export function segmentsOf(shots: TracedShot[], records: TraceRecord[]): Segments[] {
	const byCode = new Map<string, { webhook?: TraceRecord; execute?: TraceRecord }>();
	for (const r of records) {
		if (!r.code) continue;
		const slot = byCode.get(r.code) ?? {};
		slot[r.kind] = r;
		byCode.set(r.code, slot);
	}
	const out: Segments[] = [];
	for (const shot of shots) {
		const slot = byCode.get(shot.code);
		const webhook = slot?.webhook;
		const execute = slot?.execute;
		if (!webhook || !execute) continue;
		const arrivedAt = shot.arrivedAt ?? NaN; // NoOp chains send nothing
		const parts = execute.parts ?? [];
		const request = parts.find((p) => p.part !== 'getCredentials' && p.end - p.start >= 0);
		// The last request of the execute is the send (a token fetch or credential write comes first).
		const send = [...parts].reverse().find((p) => p.part === 'request') ?? request;
		const credentials = parts
			.filter((p) => p.part === 'getCredentials')
			.reduce((sum, p) => sum + (p.end - p.start), 0);
		out.push({
			toWebhook: webhook.start - shot.sentAt,
			webhook: webhook.end - webhook.start,
			webhookCpu: webhook.cpu,
			toExecute: execute.start - webhook.end,
			beforeRequest: send ? send.start - execute.start : NaN,
			credentials,
			requestToArrival: send ? arrivedAt - send.start : NaN,
			execute: execute.end - execute.start,
			executeCpu: execute.cpu,
			total: arrivedAt - shot.sentAt,
		});
	}
	return out;
}

/** One percentile of every segment. */
export function segmentPercentile(segments: Segments[], p: number): Record<keyof Segments, number> {
	const row = {} as Record<keyof Segments, number>;
	for (const name of SEGMENT_NAMES)
		row[name] = percentile(
			segments.map((s) => s[name]).filter((v) => Number.isFinite(v)),
			p,
		);
	return row;
}
