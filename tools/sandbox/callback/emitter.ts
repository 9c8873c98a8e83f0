/** Builds encrypted callback requests the way WeCom sends them, and delivers them over HTTP. */
import { randomBytes } from 'node:crypto';
import type {
	AddExternalContactOptions,
	BuiltCallback,
	BuiltEcho,
	CallbackBuildOptions,
	EmitResult,
	SandboxConfig,
} from '../types';
import { randomId, type SandboxState } from '../state';
import { encryptMessage, randomNonce, signature } from './crypto';
import type { CallbackEvent } from './events';

function cdata(value: string): string {
	// A literal "]]>" cannot live inside one CDATA section, so split it across two.
	return `<![CDATA[${value.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

function escapeText(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Strings as CDATA, numbers bare (CreateTime, JoinScene, …), lists as one bare `<Item>` per entry
 * (MemChangeList), exactly like WeCom's event bodies.
 */
export function eventXml(event: CallbackEvent): string {
	const fields = Object.entries(event).map(([k, v]) => {
		if (Array.isArray(v))
			return `<${k}>${v.map((item) => `<Item>${escapeText(item)}</Item>`).join('')}</${k}>`;
		return `<${k}>${typeof v === 'number' ? String(v) : cdata(v)}</${k}>`;
	});
	return `<xml>${fields.join('')}</xml>`;
}

export function buildCallback(
	config: SandboxConfig,
	event: CallbackEvent,
	opts: CallbackBuildOptions = {},
): BuiltCallback {
	const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
	const nonce = opts.nonce ?? randomNonce();
	const plaintextXml = eventXml(event);
	const encrypted = encryptMessage(
		config.encodingAESKey,
		plaintextXml,
		opts.receiveId ?? config.corpId,
	);
	const agent = opts.agentId !== undefined ? `<AgentID>${cdata(opts.agentId)}</AgentID>` : '';
	const body = `<xml><ToUserName>${cdata(config.corpId)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt>${agent}</xml>`;
	return {
		query: {
			msg_signature: signature(config.callbackToken, timestamp, nonce, encrypted),
			timestamp,
			nonce,
		},
		body,
		plaintextXml,
	};
}

export function buildEcho(config: SandboxConfig, plaintext?: string): BuiltEcho {
	// WeCom's echo plaintexts are long decimal numbers.
	const text =
		plaintext ??
		BigInt('0x' + randomBytes(8).toString('hex'))
			.toString()
			.slice(0, 19);
	const timestamp = String(Math.floor(Date.now() / 1000));
	const nonce = randomNonce();
	const echostr = encryptMessage(config.encodingAESKey, text, config.corpId);
	return {
		query: {
			msg_signature: signature(config.callbackToken, timestamp, nonce, echostr),
			timestamp,
			nonce,
			echostr,
		},
		plaintext: text,
	};
}

export function withQuery(targetUrl: string, query: Record<string, string>): string {
	const url = new URL(targetUrl);
	for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
	return url.toString();
}

export async function postCallback(
	targetUrl: string,
	built: BuiltCallback,
	timeoutMs = 15000,
): Promise<EmitResult> {
	const started = Date.now();
	const res = await fetch(withQuery(targetUrl, built.query), {
		method: 'POST',
		headers: { 'Content-Type': 'text/xml' },
		body: built.body,
		signal: AbortSignal.timeout(timeoutMs),
	});
	const body = await res.text();
	return { status: res.status, body, ms: Date.now() - started };
}

export function addExternalContactEvent(
	state: SandboxState,
	opts: AddExternalContactOptions = {},
): Record<string, string | number> {
	const userId = opts.userId ?? 'zhangsan';
	const externalUserId = opts.externalUserId ?? randomId('wm', 28);
	const event: Record<string, string | number> = {
		ToUserName: state.config.corpId,
		FromUserName: 'sys',
		CreateTime: Math.floor(Date.now() / 1000),
		MsgType: 'event',
		Event: 'change_external_contact',
		ChangeType: 'add_external_contact',
		UserID: userId,
		ExternalUserID: externalUserId,
		State: opts.state ?? 'sandbox',
	};
	if (opts.withWelcomeCode !== false)
		event.WelcomeCode = state.issueWelcomeCode({ userId, externalUserId });
	return event;
}
