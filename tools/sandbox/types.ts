/**
 * The sandbox's public types and default configuration. Kept apart from index.ts so that the
 * server, the state and the routes can use them without importing the entry point (which imports
 * the server): no import cycle.
 */
import type { ContactBook } from './contacts';
import type { CallbackEvent } from './callback/events';

export interface SandboxOptions {
	port?: number;
	corpId?: string;
	secret?: string;
	callbackToken?: string;
	encodingAESKey?: string;
	/** Lifetime of issued access tokens; WeCom uses 7200. */
	tokenTtlSeconds?: number;
}

export interface RecordedCall {
	seq: number;
	at: number;
	method: string;
	/** Without the query string. */
	path: string;
	query: Record<string, string>;
	/** Parsed JSON, {field, filename, contentType, size} for multipart, or the raw string. */
	body: unknown;
	/** 0 while the call is still in flight or when a `reset` fault destroyed the socket. */
	httpStatus: number;
	errcode?: number;
	fault?: string;
}

/**
 * `reset` and `http500` hit before the route runs (WeCom never did it); `doneThenReset` and
 * `doneThen500` let the route run and change state, then lose the answer (socket destroyed /
 * HTTP 500): WeCom did the work and the caller cannot know.
 */
export type FaultKind =
	| 'errcode'
	| 'http500'
	| 'reset'
	| 'slow'
	| 'expireToken'
	| 'doneThenReset'
	| 'doneThen500'
	| 'emptyPage'
	| 'answer';

export interface FaultRule {
	/** Path suffix such as 'add_msg_template' or 'gettoken'; any /cgi-bin path when omitted. */
	api?: string;
	kind: FaultKind;
	errcode?: number;
	errmsg?: string;
	/** For `slow`: wait this long, then answer normally. */
	delayMs?: number;
	/** For `answer`: this JSON with HTTP 200 instead of the API's own answer (e.g. a proxy's `{}`). */
	json?: Record<string, unknown>;
	/** How many matching calls the fault hits; default 1. Infinity or a negative number: until cleared. */
	times?: number;
	/** Let the first N matching calls through untouched. */
	skip?: number;
}

export interface SandboxConfig {
	corpId: string;
	secret: string;
	callbackToken: string;
	encodingAESKey: string;
}

export interface SeedMassMessageOptions {
	msgid?: string;
	chatType?: 'single' | 'group';
	members: number;
	resultsPerMember: number;
	/** Unix seconds; defaults to now (or to 2020-09-13 for legacy messages). */
	createTime?: number;
	/** Created before 2020-11-17: get_groupmsg_task refuses it. */
	legacy?: boolean;
	creator?: string;
}

export interface CallbackBuildOptions {
	timestamp?: string;
	nonce?: string;
	agentId?: string;
	receiveId?: string;
}

export interface BuiltCallback {
	query: { msg_signature: string; timestamp: string; nonce: string };
	body: string;
	plaintextXml: string;
}

export interface BuiltEcho {
	query: { msg_signature: string; timestamp: string; nonce: string; echostr: string };
	plaintext: string;
}

export interface EmitResult {
	status: number;
	body: string;
	ms: number;
}

export interface AddExternalContactOptions {
	userId?: string;
	externalUserId?: string;
	state?: string;
	/** Default true: a fresh welcome code is issued and put in the event. */
	withWelcomeCode?: boolean;
}

export interface MediaRecord {
	type: string;
	filename: string;
	contentType: string;
	size: number;
	createdAt: number;
}

export interface Sandbox {
	url: string;
	config: SandboxConfig;
	calls: RecordedCall[];
	callsTo(apiSuffix: string): RecordedCall[];
	resetCalls(): void;
	reset(): void;
	issuedTokens(): string[];
	expireAllTokens(): void;
	invalidateAllTokens(): void;
	fault(rule: FaultRule): void;
	clearFaults(): void;
	issueWelcomeCode(opts?: { userId?: string; externalUserId?: string; ttlMs?: number }): string;
	holdWelcomeCode(code: string, ms: number): void;
	welcomeSends: Array<{ code: string; body: any; at: number }>;
	seedMassMessage(opts: SeedMassMessageOptions): string;
	markSent(msgid: string, userid?: string): void;
	templates: Map<string, any>;
	media: Map<string, MediaRecord>;
	/** Customers, followers and the corp tag library (contacts.ts). */
	readonly contacts: ContactBook;
	buildCallback(event: CallbackEvent, opts?: CallbackBuildOptions): BuiltCallback;
	buildEcho(plaintext?: string): BuiltEcho;
	emitCallback(targetUrl: string, event: CallbackEvent): Promise<EmitResult>;
	addExternalContactEvent(opts?: AddExternalContactOptions): Record<string, string | number>;
	close(): Promise<void>;
}

export const DEFAULT_CONFIG: Readonly<SandboxConfig> = Object.freeze({
	corpId: 'ww5a1b2c3d4e5f6789',
	// Fixed, not random, so `npm run dev` credentials stay the same across restarts.
	secret: 'sbXq7Lm2Rk9Tz4Vw8Nc3Hp6Jd1Fg5Ys0Ba2Ue7Ko9Qi',
	callbackToken: 'sandboxToken123',
	// base64('WeComSandboxFixedAesKey32Bytes!!') without the trailing '='.
	encodingAESKey: 'V2VDb21TYW5kYm94Rml4ZWRBZXNLZXkzMkJ5dGVzISE',
});
