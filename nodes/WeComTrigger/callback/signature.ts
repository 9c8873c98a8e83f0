import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeCom's msg_signature: sha1 (lower-case hex) of the lexicographically sorted concatenation of
 * token, timestamp, nonce and the encrypted text (the Encrypt element or echostr).
 */
export function computeSignature(
	token: string,
	timestamp: string,
	nonce: string,
	encrypted: string,
): string {
	const joined = [token, timestamp, nonce, encrypted].sort().join('');
	return createHash('sha1').update(joined, 'utf8').digest('hex');
}

/** Constant-time comparison of two strings; different lengths are simply unequal. */
export function constantTimeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	if (left.length !== right.length) return false;
	return timingSafeEqual(left, right);
}

export function verifySignature(
	token: string,
	timestamp: string,
	nonce: string,
	encrypted: string,
	signature: string,
): boolean {
	return constantTimeEqual(computeSignature(token, timestamp, nonce, encrypted), signature);
}
