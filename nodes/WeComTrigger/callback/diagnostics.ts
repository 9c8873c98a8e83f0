import type { CallbackError } from './errors';

/**
 * Setup diagnosis. When WeCom's URL check fails the admin console only says "回调地址请求不通过" and
 * n8n shows nothing, so a callback that fails one of the checks a correct setup always passes gets
 * a warning in n8n's log naming the check and what to compare in the console.
 *
 * Warnings carry no value from the request or the credential (no token, key, Corp ID, signature or
 * ciphertext), only which check failed; and anyone can send junk to a public URL, so each trigger
 * logs each kind (check and phase) at most once per interval and counts the rest.
 */
export type SetupCheck = 'credential' | 'signature' | 'decryption' | 'corp_id' | 'clock';

const CONSOLE = '客户联系 → API → 接收事件服务器 (Receive Event Server) in the WeCom admin console';

const ADVICE: Record<SetupCheck, string> = {
	credential: `The WeCom API credential is incomplete or its Encoding AES Key is malformed: fill Corp ID, Callback Token and Encoding AES Key with the values of ${CONSOLE}.`,
	signature: `A callback failed the signature check (msg_signature): compare the credential's Callback Token with Token in ${CONSOLE}, and make sure the URL there is this trigger's.`,
	decryption: `A correctly signed callback could not be decrypted: compare the credential's Encoding AES Key with EncodingAESKey in ${CONSOLE} (43 characters; after "随机获取" in the console it must be copied again).`,
	corp_id:
		"A callback was encrypted for another receiver: compare the credential's Corp ID with 企业ID in 我的企业 → 企业信息 (My Company → Company Info) of the WeCom admin console.",
	clock:
		"A correctly signed callback has a timestamp outside the replay window: if this repeats, check this server's clock (NTP); a single one is a replayed old callback, refused.",
};

/** Which setup check an error means, or undefined for errors a correct setup can also see (junk requests). */
export function setupCheckOf(error: CallbackError): SetupCheck | undefined {
	switch (error.code) {
		case 'bad_key':
			return 'credential';
		case 'bad_signature':
			return 'signature';
		// Only reached after a valid signature: the token matches, the key does not.
		case 'bad_base64':
		case 'bad_padding':
		case 'bad_length':
			return 'decryption';
		case 'wrong_receiver':
			return 'corp_id';
		case 'stale_timestamp':
			return 'clock';
		default:
			return undefined;
	}
}

export const WARNING_INTERVAL_MS = 60_000;
const MAX_TRACKED = 1_000;

interface Gate {
	lastAt: number;
	suppressed: number;
}

/** Per (trigger, check, phase): when the last warning went out and how many were held back since. */
const gates = new Map<string, Gate>();

/**
 * The warning to log for this failure now, or undefined when one of its kind went out less than
 * an interval ago. `phase` says whether WeCom was checking the URL (GET) or sending an event.
 */
export function setupWarning(
	scope: string,
	check: SetupCheck,
	phase: 'URL verification' | 'event',
	now: number,
	detail = '',
): string | undefined {
	const key = `${scope}\u0000${check}\u0000${phase}`;
	const gate = gates.get(key);
	if (gate !== undefined && now - gate.lastAt < WARNING_INTERVAL_MS) {
		gate.suppressed++;
		return undefined;
	}
	const held = gate?.suppressed ?? 0;
	if (gate === undefined && gates.size >= MAX_TRACKED)
		gates.delete(gates.keys().next().value as string);
	gates.set(key, { lastAt: now, suppressed: 0 });
	const more = held > 0 ? ` (${held} more like this since the last warning)` : '';
	return `WeCom Trigger (${phase}): ${ADVICE[check]}${detail === '' ? '' : ` ${detail}`}${more}`;
}

/** For tests: forget which warnings went out. */
export function resetSetupWarnings(): void {
	gates.clear();
}
