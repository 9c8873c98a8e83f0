/** Types for instance.js (plain CommonJS so it runs without a TypeScript build). */
import type { N8nInstall } from './install';

export interface CliResult {
	code: number | null;
	signal: string | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface ExecuteResult {
	/** Parsed `--rawOutput` JSON (the run's IRun: data.resultData.runData, ...), undefined if none. */
	data: any;
	/** The text `data` was parsed from (stdout from its first `{`). */
	raw: string;
	stdout: string;
	stderr: string;
	code: number | null;
	ms: number;
}

export interface StoredExecution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: number;
	/** Raw execution_data.data (n8n's `flatted` JSON of the run data). */
	data: string | null;
	workflowData: string | null;
}

export class N8nInstance {
	static create(opts: {
		line: '1' | '2' | 1 | 2;
		userFolder?: string;
		port?: number;
		/** Extra environment variables, applied after the defaults. */
		env?: Record<string, string>;
	}): Promise<N8nInstance>;

	readonly install: N8nInstall;
	readonly line: '1' | '2';
	readonly version: string;
	readonly userFolder: string;
	readonly port: number;
	/** http://127.0.0.1:<port> */
	readonly baseUrl: string;
	readonly logFile: string;
	readonly dbFile: string;
	/** ms from start() to /healthz answering, once started. */
	startMs?: number;
	/** ms from start() to the last waitForWebhook() succeeding. */
	webhookMs?: number;

	env(o?: { brokerPort?: number }): Record<string, string>;
	cli(args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<CliResult>;
	cliOrThrow(args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<CliResult>;
	importCredentials(
		credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
	): Promise<CliResult>;
	/** Returns the workflow id (generated when missing). */
	importWorkflow(workflow: Record<string, any>): Promise<string>;
	/** 1.x update:workflow --active=true, 2.x publish:workflow. Call before start(). */
	activate(workflowId: string): Promise<CliResult>;
	execute(workflowId: string): Promise<ExecuteResult>;
	/** command: 'start' (default), or 'webhook' / 'worker' in queue mode (tools/n8n/topology.js). */
	start(opts?: {
		timeoutMs?: number;
		command?: 'start' | 'webhook' | 'worker';
	}): Promise<{ ms: number }>;
	/**
	 * Wait until the production webhook `webhookPath` (what follows /webhook/) is registered for
	 * `method` (default POST). Probes with a CORS preflight, so the workflow is not run.
	 */
	waitForWebhook(
		webhookPath: string,
		opts?: { method?: string; timeoutMs?: number },
	): Promise<{ status: number; ms: number; url: string }>;
	stop(opts?: { graceMs?: number }): Promise<void>;
	log(): string;
	logTail(lines?: number): string;
	logProblems(lines?: number): string;
	exportExecutions(): Promise<{ rows: StoredExecution[]; text: string }>;
}

export function freePort(): Promise<number>;
export function parseLeadingJson(text: string): any;
export const ENCRYPTION_KEY: string;
