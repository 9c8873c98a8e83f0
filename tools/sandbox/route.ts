/** The contract between server.ts and the route files. */
import type { Sandbox } from './types';
import type { SandboxState } from './state';

export interface RouteContext {
	state: SandboxState;
	sandbox: Sandbox;
	method: string;
	path: string;
	query: Record<string, string>;
	/** Parsed JSON object for `json` routes; undefined otherwise. */
	body: Record<string, unknown>;
	raw: Buffer;
	contentType?: string;
}

export interface RouteResult {
	status?: number;
	json?: unknown;
	text?: string;
}

export interface Route {
	/** POST APIs refuse other methods with 40058, as WeCom does when the JSON body is missing. */
	method: 'GET' | 'POST' | 'DELETE';
	/** Needs a valid access_token in the query. */
	auth: boolean;
	/** How to read the body: JSON object, or left raw (multipart uploads, GETs). */
	body: 'json' | 'raw';
	handle(ctx: RouteContext): RouteResult | Promise<RouteResult>;
}

export type RouteTable = Record<string, Route>;

export function ok(extra: Record<string, unknown> = {}): RouteResult {
	return { json: { errcode: 0, errmsg: 'ok', ...extra } };
}

/** Thrown by validators; the server turns it into `{errcode, errmsg}` with HTTP 200. */
export class WeComError extends Error {
	constructor(
		readonly errcode: number,
		readonly errmsg: string,
	) {
		super(`${errcode} ${errmsg}`);
	}
}

export function fail(errcode: number, errmsg: string): never {
	throw new WeComError(errcode, errmsg);
}

export function post(handle: Route['handle']): Route {
	return { method: 'POST', auth: true, body: 'json', handle };
}
