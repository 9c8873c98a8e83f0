/** Types for setup.js (plain CommonJS so `npm run dev` runs without a TypeScript build). */
import type { N8nInstance } from '../n8n/instance';

export interface DevSetupOptions {
	/** n8n line: '1' = 1.123.81 (default), '2' = 2.41.1. */
	line?: '1' | '2' | 1 | 2;
	/** N8N_USER_FOLDER; default .tmp/dev-n8n (line 1) or .tmp/dev-n8n-2. Reused when it exists. */
	userFolder?: string;
	/** Preferred n8n port, used when free (else any free port). 0 or absent: any free port. */
	n8nPort?: number;
	/** Preferred sandbox port, used when free (else any free port). 0 or absent: any free port. */
	sandboxPort?: number;
	/** Folder of example workflows to import; default examples/. */
	examplesDir?: string;
	/** true (default): build when stale; 'force': always; false: skip (npm ci, build, sandbox compile). */
	build?: boolean | 'force';
	/** Extra n8n environment variables. N8N_DISABLE_UI is 'false' (the editor is served). */
	env?: Record<string, string>;
	/** Progress lines; default stderr with a [dev] prefix. */
	log?: (msg: string) => void;
	/** Called at once with the function that stops whatever has been started so far. */
	onStarted?: (stop: () => Promise<void>) => void;
	startTimeoutMs?: number;
	webhookTimeoutMs?: number;
}

export interface SandboxProcess {
	url: string;
	config: { corpId: string; secret: string; callbackToken: string; encodingAESKey: string };
	pid: number;
	exited: Promise<{ code: number | null; signal: string | null }>;
	stop(): Promise<void>;
}

export interface DevSetup {
	line: '1' | '2';
	version: string;
	n8n: N8nInstance & { exited: Promise<{ code: number | null; signal: string | null }> };
	sandbox: SandboxProcess;
	userFolder: string;
	/** The user folder had no database before this run. */
	fresh: boolean;
	/** http://127.0.0.1:<port> */
	editorUrl: string;
	sandboxUrl: string;
	owner: { email: string; password: string };
	credential: { id: string; name: string };
	examples: Array<{ file: string; id: string; name: string }>;
	/** The activated example with a WeCom Trigger (welcome-flow.json), when there is one. */
	welcomeFlow?: { id: string; name: string; triggerName: string; webhookId: string };
	/** <editorUrl>/webhook/<webhookId>/wecom, registered (answers) when this resolves. */
	productionUrl?: string;
	/** ms from startDev() to a ready editor (owner set up, welcome webhook registered). */
	readyMs: number;
	timings: Record<string, number>;
	stop(): Promise<void>;
}

export function startDev(opts?: DevSetupOptions): Promise<DevSetup>;
export function ensureOwner(baseUrl: string, timeoutMs?: number): Promise<'created' | 'exists'>;
export function loadExamples(dir: string): Array<{ file: string; hash: string; workflow: any }>;
export const OWNER: Readonly<{
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}>;
export const CREDENTIAL_ID: string;
export const CREDENTIAL_NAME: string;
export const PKG: string;
export const TRIGGER_TYPE: string;
export const CALLBACK_PATH: string;
