/** Types for topology.js and services.js (plain CommonJS so they run without a TypeScript build). */
import type { N8nInstance } from './instance';

export interface ExecutionRow {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
}

export class Redis {
	readonly port: number;
	/** Start (again on the same port after stop()); empty every time. */
	start(): Promise<void>;
	/** SIGKILL, as a crash. */
	stop(): Promise<void>;
}

export class Postgres {
	readonly port: number;
	n8nEnv(): Record<string, string>;
	/** Rows of a SELECT as objects. */
	query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
	stop(): Promise<void>;
}

export class QueueTopology {
	static create(opts: {
		line: '1' | '2';
		/** Default 2. */
		workers?: number;
		/** Extra variables for every n8n process. */
		env?: Record<string, string>;
		/** Extra variables for main only (e.g. N8N_DISABLE_UI: 'false'). */
		mainEnv?: Record<string, string>;
		/** Extra variables for the workers only. */
		workerEnv?: Record<string, string>;
	}): Promise<QueueTopology>;
	readonly line: '1' | '2';
	readonly workerCount: number;
	readonly redis: Redis;
	readonly postgres: Postgres;
	/** `n8n start` (EXECUTIONS_MODE=queue); run CLI commands through it. */
	readonly main: N8nInstance;
	/** `n8n webhook`: serves the production webhooks. */
	readonly webhook: N8nInstance;
	/** `n8n worker` × workerCount; baseUrl answers /healthz. */
	readonly workers: N8nInstance[];
	processes(): N8nInstance[];
	/** waitForWebhook: a path main must have registered before the webhook processor starts. */
	start(opts?: { waitForWebhook?: string }): Promise<void>;
	waitForWebhook(
		webhookPath: string,
		opts?: { method?: string; timeoutMs?: number },
	): ReturnType<N8nInstance['waitForWebhook']>;
	executions(workflowId?: string): Promise<ExecutionRow[]>;
	/** execution id → 'worker1' | 'worker2' | …, from the workers' logs. */
	workerOf(): Map<string, string>;
	stop(): Promise<void>;
	describe(): string;
}
