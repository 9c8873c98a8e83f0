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

/** The error and what it wraps: n8n keeps the original in `cause` or in `errorResponse`. */
function chainOf(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current = error as Record<string, unknown> | undefined;
	while (current && typeof current === 'object' && chain.length < 6 && !chain.includes(current)) {
		chain.push(current);
		current = (current.cause ?? current.errorResponse) as Record<string, unknown> | undefined;
	}
	return chain;
}

/**
 * n8n 1.x drops the original error when it wraps it (the `cause` field is re-declared) and swaps
 * the message for a sentence per error code, keeping the original in `messages`. So the code is
 * read back from every text the wrapper kept. Unknown texts classify as "may have been sent,
 * not transient": the safe side for creates.
 */
const CODE_IN_TEXT: Array<[RegExp, string]> = [
	[/\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|EPIPE)\b/, ''],
	[/refused the connection/i, 'ECONNREFUSED'],
	[/incorrect host|cannot be established/i, 'ENOTFOUND'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/socket hang up|closed unexpectedly/i, 'ECONNRESET'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/timeout of \d+ms exceeded|timed out/i, 'ETIMEDOUT'],
];

function codeFromTexts(texts: string[]): string | undefined {
	for (const [pattern, code] of CODE_IN_TEXT) {
		for (const text of texts) {
			const match = pattern.exec(text);
			if (match) return code || match[1];
		}
	}
	return undefined;
}

export function classifyFailure(error: unknown): TransportFailure {
	const chain = chainOf(error);
	let status: number | undefined;
	let code: string | undefined;
	const texts: string[] = [];
	for (const link of chain) {
		const response = link.response as { status?: unknown } | undefined;
		if (status === undefined && typeof response?.status === 'number') status = response.status;
		if (status === undefined && typeof link.httpCode === 'string' && /^\d{3}$/.test(link.httpCode)) {
			status = Number(link.httpCode);
		}
		if (code === undefined && typeof link.code === 'string' && /^E[A-Z_]+$/.test(link.code)) code = link.code;
		for (const text of [link.message, ...(Array.isArray(link.messages) ? link.messages : [])]) {
			if (typeof text === 'string') texts.push(text);
		}
	}
	code ??= status === undefined ? codeFromTexts(texts) : undefined;
	const message = texts[texts.length - 1] ?? String(error);
	const neverSent = code !== undefined && NEVER_SENT_CODES.has(code);
	const transient = (status !== undefined && status >= 500) || (code !== undefined && TRANSIENT_CODES.has(code));
	return { status, code, message, neverSent, transient };
}
