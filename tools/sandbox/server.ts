/**
 * The HTTP side: routing, access-token checks, scripted faults and call recording, wrapped into
 * the Sandbox object. Listens on 127.0.0.1 only; node:http and nothing else.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	addExternalContactEvent,
	buildCallback,
	buildEcho,
	postCallback,
} from './callback/emitter';
import { AFTER_ROUTE_KINDS, errmsgFor, takeFault, validateRule } from './faults';
import {
	DEFAULT_CONFIG,
	type FaultRule,
	type RecordedCall,
	type Sandbox,
	type SandboxOptions,
} from './types';
import { boundaryOf, parseMultipart } from './multipart';
import { WeComError, type Route, type RouteResult, type RouteTable } from './route';
import { contactRoutes } from './routes/contact';
import { contactWayRoutes } from './routes/contactWay';
import { customerGroupRoutes } from './routes/customerGroup';
import { customerTransferRoutes } from './routes/customerTransfer';
import { acquisitionLinkRoutes } from './routes/acquisitionLink';
import { controlRoutes } from './routes/control';
import { customerContactRoutes } from './routes/customerContact';
import { groupWelcomeTemplateRoutes } from './routes/groupWelcomeTemplate';
import { massMessageRoutes } from './routes/massMessage';
import { mediaRoutes } from './routes/media';
import { momentRoutes } from './routes/moment';
import { momentTaskRoutes } from './routes/momentTask';
import { statisticsRoutes } from './routes/statistics';
import { tokenRoutes } from './routes/token';
import { welcomeRoutes } from './routes/welcome';
import { SandboxState } from './state';

const MAX_BODY = 25 * 1024 * 1024;

const ROUTES: RouteTable = {
	...tokenRoutes,
	...massMessageRoutes,
	...welcomeRoutes,
	...groupWelcomeTemplateRoutes,
	...mediaRoutes,
	...contactRoutes,
	...customerContactRoutes,
	...contactWayRoutes,
	...customerGroupRoutes,
	...customerTransferRoutes,
	...acquisitionLinkRoutes,
	...momentRoutes,
	...momentTaskRoutes,
	...statisticsRoutes,
	...controlRoutes,
};

function findRoute(path: string, method: string): Route | undefined {
	return ROUTES[`${path}#${method}`] ?? ROUTES[path];
}

/** Reads the whole body, but keeps draining (without storing) past the limit so the 413 arrives cleanly. */
function readBody(req: IncomingMessage): Promise<{ raw: Buffer; tooLarge: boolean }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY) chunks.push(chunk);
		});
		req.on('end', () =>
			resolve({
				raw: size > MAX_BODY ? Buffer.alloc(0) : Buffer.concat(chunks),
				tooLarge: size > MAX_BODY,
			}),
		);
		req.on('error', reject);
	});
}

/** What a call looks like in `calls`: uploads are summarised, never stored whole. */
function recordedBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0) return undefined;
	const boundary = boundaryOf(contentType);
	if (boundary) {
		const parts = parseMultipart(raw, boundary) ?? [];
		const file = parts.find((p) => p.filename !== undefined) ?? parts[0];
		if (file) {
			return {
				field: file.name,
				filename: file.filename ?? '',
				contentType: file.contentType ?? '',
				size: file.data.length,
				...(file.otherHeaders ? { otherHeaders: file.otherHeaders } : {}),
			};
		}
	}
	const text = raw.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function parseJsonObject(raw: Buffer): Record<string, unknown> | undefined {
	if (raw.length === 0) return {};
	try {
		const v = JSON.parse(raw.toString('utf8'));
		return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
	} catch {
		return undefined;
	}
}

function weComError(errcode: number, errmsg: string): RouteResult {
	return { json: { errcode, errmsg } };
}

function send(res: ServerResponse, result: RouteResult): void {
	const status = result.status ?? 200;
	if (result.text !== undefined) {
		res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
		res.end(result.text);
		return;
	}
	res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
	res.end(JSON.stringify(result.json ?? {}));
}

export async function createSandbox(options: SandboxOptions): Promise<Sandbox> {
	const config = {
		corpId: options.corpId ?? DEFAULT_CONFIG.corpId,
		secret: options.secret ?? DEFAULT_CONFIG.secret,
		callbackToken: options.callbackToken ?? DEFAULT_CONFIG.callbackToken,
		encodingAESKey: options.encodingAESKey ?? DEFAULT_CONFIG.encodingAESKey,
	};
	const state = new SandboxState(config, options.tokenTtlSeconds ?? 7200);
	const pendingTimers = new Set<NodeJS.Timeout>();
	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			const t = setTimeout(() => {
				pendingTimers.delete(t);
				resolve();
			}, ms);
			pendingTimers.add(t);
		});

	/** Access-token gate for every /cgi-bin route except gettoken. */
	function tokenError(token: string | undefined): RouteResult | undefined {
		if (!token) return weComError(41001, 'access_token missing');
		const info = state.tokens.get(token);
		if (!info || info.invalid) return weComError(40014, 'invalid access_token');
		if (Date.now() >= info.expiresAt) return weComError(42001, 'access_token expired');
		return undefined;
	}

	async function runRoute(
		route: Route,
		ctx: Omit<Parameters<Route['handle']>[0], 'body'>,
	): Promise<RouteResult> {
		const control = ctx.path.startsWith('/__sandbox/');
		if (!control && route.auth) {
			const denied = tokenError(ctx.query.access_token);
			if (denied) return denied;
		}
		if (route.method !== ctx.method && !(route.method === 'GET' && !control)) {
			if (control) return { status: 405, json: { error: `use ${route.method}` } };
			return weComError(
				40058,
				`invalid request method ${ctx.method}: this API takes POST with a JSON body`,
			);
		}
		let body: Record<string, unknown> = {};
		if (route.body === 'json') {
			const parsed = parseJsonObject(ctx.raw);
			if (!parsed)
				return control
					? { status: 400, json: { error: 'body must be a JSON object' } }
					: weComError(47001, 'data format error');
			body = parsed;
		}
		try {
			return await route.handle({ ...ctx, body });
		} catch (e) {
			if (e instanceof WeComError) return weComError(e.errcode, e.errmsg);
			if (control) return { status: 400, json: { error: String(e?.message ?? e) } };
			// A thrown non-WeCom error is a sandbox bug: make it loud rather than WeCom-shaped.
			return { status: 500, text: `sandbox error: ${e?.stack ?? e}` };
		}
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const path = url.pathname;
		const query = Object.fromEntries(url.searchParams);
		const method = req.method ?? 'GET';
		const contentType = req.headers['content-type'];
		const { raw, tooLarge } = await readBody(req);
		const route = findRoute(path, method);
		const ctx = { state, sandbox, method, path, query, raw, contentType };

		if (path.startsWith('/__sandbox/')) {
			send(
				res,
				route
					? await runRoute(route, ctx)
					: { status: 404, json: { error: `no control endpoint ${path}` } },
			);
			return;
		}

		const call: RecordedCall = {
			seq: ++state.seq,
			at: Date.now(),
			method,
			path,
			query,
			body: recordedBody(raw, contentType),
			httpStatus: 0,
		};
		state.calls.push(call);
		const answer = (result: RouteResult) => {
			call.httpStatus = result.status ?? 200;
			const errcode = (result.json as { errcode?: unknown } | undefined)?.errcode;
			if (typeof errcode === 'number') call.errcode = errcode;
			send(res, result);
		};

		if (tooLarge) return answer({ status: 413, text: 'request body exceeds 25 MB' });

		const fault = path.startsWith('/cgi-bin/') ? takeFault(state.faults, path) : undefined;
		if (fault && AFTER_ROUTE_KINDS.includes(fault.kind)) {
			call.fault = fault.kind;
			if (!route)
				return answer({
					status: 404,
					json: { errcode: 404, errmsg: `sandbox: no such api ${path}` },
				});
			const done = await runRoute(route, ctx);
			const errcode = (done.json as { errcode?: unknown } | undefined)?.errcode;
			if (typeof errcode === 'number') call.errcode = errcode;
			if (fault.kind === 'doneThenReset') {
				req.socket.destroy();
				return;
			}
			return answer({
				status: 500,
				text: 'Internal Server Error (sandbox fault, after the work was done)',
			});
		}
		if (fault?.kind === 'emptyPage') {
			call.fault = fault.kind;
			if (!route)
				return answer({
					status: 404,
					json: { errcode: 404, errmsg: `sandbox: no such api ${path}` },
				});
			const done = await runRoute(route, ctx);
			const json = { ...((done.json ?? {}) as Record<string, unknown>) };
			for (const [key, value] of Object.entries(json)) if (Array.isArray(value)) json[key] = [];
			return answer({ ...done, json });
		}
		if (fault) {
			call.fault = fault.kind;
			switch (fault.kind) {
				case 'answer':
					return answer({ status: 200, json: fault.json });
				case 'errcode':
					return answer(weComError(fault.errcode!, fault.errmsg ?? errmsgFor(fault.errcode!)));
				case 'http500':
					return answer({ status: 500, text: 'Internal Server Error (sandbox fault)' });
				case 'reset':
					req.socket.destroy();
					return;
				case 'expireToken': {
					const info = query.access_token ? state.tokens.get(query.access_token) : undefined;
					if (info) info.expiresAt = 0;
					return answer(weComError(42001, fault.errmsg ?? 'access_token expired'));
				}
				case 'slow':
					await sleep(fault.delayMs ?? 0);
					if (res.destroyed) return;
					break;
			}
		}

		if (!route || !path.startsWith('/cgi-bin/'))
			return answer({
				status: 404,
				json: { errcode: 404, errmsg: `sandbox: no such api ${path}` },
			});
		answer(await runRoute(route, ctx));
	}

	const server = createServer((req, res) => {
		handle(req, res).catch((e) => {
			if (!res.headersSent) send(res, { status: 500, text: `sandbox error: ${e?.stack ?? e}` });
			else res.destroy();
		});
	});
	// Clients keep connections alive; close() must not wait for them.
	server.keepAliveTimeout = 5000;

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;

	const sandbox: Sandbox = {
		url: `http://127.0.0.1:${port}`,
		config,
		get calls() {
			return state.calls;
		},
		callsTo: (apiSuffix) => {
			const suffix = apiSuffix.replace(/^\/+/, '');
			return state.calls.filter((c) => c.path === '/' + suffix || c.path.endsWith('/' + suffix));
		},
		resetCalls: () => {
			state.calls.length = 0;
		},
		reset: () => state.reset(),
		issuedTokens: () => [...state.issued],
		expireAllTokens: () => {
			for (const info of state.tokens.values()) info.expiresAt = 0;
		},
		invalidateAllTokens: () => {
			for (const info of state.tokens.values()) info.invalid = true;
		},
		fault: (rule: FaultRule) => {
			state.faults.push({ rule: validateRule(rule), seen: 0, fired: 0 });
		},
		clearFaults: () => {
			state.faults.length = 0;
		},
		issueWelcomeCode: (opts) => state.issueWelcomeCode(opts),
		holdWelcomeCode: (code, ms) => {
			const entry = state.welcomeCodes.get(code);
			if (!entry) throw new Error(`sandbox: unknown welcome code ${code}`);
			entry.heldUntil = Date.now() + ms;
		},
		get welcomeSends() {
			return state.welcomeSends;
		},
		seedMassMessage: (opts) => {
			if (
				!Number.isInteger(opts?.members) ||
				opts.members < 0 ||
				!Number.isInteger(opts.resultsPerMember) ||
				opts.resultsPerMember < 0
			)
				throw new Error('sandbox: seedMassMessage needs integer members and resultsPerMember');
			return state.seedMassMessage(opts);
		},
		markSent: (msgid, userid) => state.markSent(msgid, userid),
		get templates() {
			return state.templates;
		},
		get media() {
			return state.media;
		},
		get contacts() {
			return state.contacts;
		},
		buildCallback: (event, opts) => buildCallback(config, event, opts),
		buildEcho: (plaintext) => buildEcho(config, plaintext),
		emitCallback: (targetUrl, event) => postCallback(targetUrl, buildCallback(config, event)),
		addExternalContactEvent: (opts) => addExternalContactEvent(state, opts),
		close: async () => {
			for (const t of pendingTimers) clearTimeout(t);
			pendingTimers.clear();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
	return sandbox;
}
