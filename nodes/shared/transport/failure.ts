/**
 * What went wrong with one HTTP exchange, read from whatever n8n's request helper threw
 * (n8n wraps axios errors in NodeApiError; the original sits in `cause`).
 */
export interface TransportFailure {
	/** HTTP status when WeCom (or a proxy) answered with one. */
	status?: number;
	/** Node/axios error code such as ECONNREFUSED or ECONNABORTED. */
	code?: string;
	message: string;
	/** True only when the request certainly never reached WeCom, so even a create may be resent. */
	neverSent: boolean;
	/** Worth another try for a call that is safe to repeat. */
	transient: boolean;
	/** The failure came from getting the token (thrown by preAuthentication). */
	tokenError?: Error;
}

const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TRANSIENT_CODES = new Set([
	...NEVER_SENT_CODES,
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

function chainOf(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current = error as Record<string, unknown> | undefined;
	while (current && typeof current === 'object' && chain.length < 6 && !chain.includes(current)) {
		chain.push(current);
		current = current.cause as Record<string, unknown> | undefined;
	}
	return chain;
}

export function classifyFailure(error: unknown): TransportFailure {
	const chain = chainOf(error);
	const tokenError = chain.find((link) => link.name === 'WeComTokenError') as Error | undefined;
	if (tokenError) {
		return { message: tokenError.message, neverSent: true, transient: false, tokenError };
	}
	let status: number | undefined;
	let code: string | undefined;
	for (const link of chain) {
		const response = link.response as { status?: unknown } | undefined;
		if (status === undefined && typeof response?.status === 'number') status = response.status;
		if (status === undefined && typeof link.httpCode === 'string' && /^\d{3}$/.test(link.httpCode)) {
			status = Number(link.httpCode);
		}
		if (code === undefined && typeof link.code === 'string' && /^E[A-Z_]+$/.test(link.code)) code = link.code;
	}
	const innermost = chain[chain.length - 1];
	const message = String(innermost?.message ?? (error as Error)?.message ?? error);
	const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
	const transient = (status !== undefined && status >= 500) || (code !== undefined && TRANSIENT_CODES.has(code));
	return { status, code, message, neverSent, transient };
}
