/**
 * Signed callback requests for the hostile-input suite: the query and the XML around a ciphertext.
 * The encryption itself is WeCom's side as the sandbox does it (tools/sandbox/callback/crypto.ts:
 * plaintextOf, pad32, encryptPadded, encryptMessage, signature), so hostile callbacks can be built
 * byte by byte: custom padding, length fields, truncated or misaligned ciphertexts.
 */
import { randomNonce, signature } from '../../../tools/sandbox/callback/crypto';

export interface CallbackSecrets {
	corpId: string;
	callbackToken: string;
	encodingAESKey: string;
}

export function timestamp(): string {
	return String(Math.floor(Date.now() / 1000));
}

/** A correctly signed query for this Encrypt value (or echostr). */
export function signedQuery(secrets: CallbackSecrets, encrypted: string): Record<string, string> {
	const ts = timestamp();
	const n = randomNonce();
	return {
		msg_signature: signature(secrets.callbackToken, ts, n, encrypted),
		timestamp: ts,
		nonce: n,
	};
}

export function cdata(value: string): string {
	return `<![CDATA[${value}]]>`;
}

/** The POST body WeCom sends: <xml><ToUserName/><Encrypt/><AgentID/></xml>. */
export function envelope(encrypted: string, corpId: string): string {
	return `<xml><ToUserName>${cdata(corpId)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt><AgentID>${cdata('')}</AgentID></xml>`;
}

/** An event as WeCom writes it: strings in CDATA, numbers bare. */
export function eventXml(fields: Record<string, string | number>): string {
	return `<xml>${Object.entries(fields)
		.map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}>${cdata(v)}</${k}>`))
		.join('')}</xml>`;
}
