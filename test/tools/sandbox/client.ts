/** Tiny WeCom-style client for the sandbox tests: real HTTP via the global fetch. */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../tools/sandbox';

export type Json = Record<string, any>;

export class Client {
	constructor(readonly sb: Sandbox) {}

	async token(): Promise<string> {
		const res = await this.get('/cgi-bin/gettoken', {
			corpid: this.sb.config.corpId,
			corpsecret: this.sb.config.secret,
		});
		expect(res.errcode).toBe(0);
		return res.access_token;
	}

	async get(path: string, query: Record<string, string> = {}): Promise<Json> {
		const res = await fetch(`${this.sb.url}${path}?${new URLSearchParams(query)}`);
		return (await res.json()) as Json;
	}

	/** POST a JSON body to /cgi-bin/externalcontact/<api> (or an absolute /cgi-bin path) with a fresh token. */
	async call(api: string, body: unknown, token?: string): Promise<Json> {
		const path = api.startsWith('/') ? api : `/cgi-bin/externalcontact/${api}`;
		const t = token ?? (await this.token());
		const res = await fetch(`${this.sb.url}${path}?access_token=${t}`, {
			method: 'POST',
			body: JSON.stringify(body),
		});
		return (await res.json()) as Json;
	}

	async upload(opts: {
		type?: string;
		field?: string;
		filename: string;
		size: number;
		contentType?: string;
		path?: string;
	}): Promise<Json> {
		const form = new FormData();
		const blob = new Blob([Buffer.alloc(opts.size, 7)], {
			type: opts.contentType ?? 'application/octet-stream',
		});
		form.append(opts.field ?? 'media', blob, opts.filename);
		const path = opts.path ?? '/cgi-bin/media/upload';
		const query = new URLSearchParams({
			access_token: await this.token(),
			...(opts.type !== undefined ? { type: opts.type } : {}),
		});
		const res = await fetch(`${this.sb.url}${path}?${query}`, { method: 'POST', body: form });
		return (await res.json()) as Json;
	}

	async control(
		path: string,
		method = 'GET',
		body?: unknown,
	): Promise<{ status: number; json: any }> {
		const res = await fetch(`${this.sb.url}/__sandbox/${path}`, {
			method,
			...(body !== undefined
				? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }
				: {}),
		});
		return { status: res.status, json: (await res.json()) as any };
	}
}

/** Starts a fresh sandbox per test and closes it afterwards. */
export function useSandbox(options?: SandboxOptions): { sb: () => Sandbox; client: () => Client } {
	let sb: Sandbox | undefined;
	beforeEach(async () => {
		sb = await startSandbox(options);
	});
	afterEach(async () => {
		await sb?.close();
		sb = undefined;
	});
	return { sb: () => sb!, client: () => new Client(sb!) };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
