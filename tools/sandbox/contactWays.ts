/**
 * 「联系我」 configurations created through the API (add_contact_way), and the departments a
 * multi-member contact way may name. Kept apart from state.ts so the routes own their rules.
 */
import { randomBytes } from 'node:crypto';
import { MEMBERS } from './members';

export interface ContactWay {
	config_id: string;
	type: number;
	scene: number;
	style?: number;
	remark: string;
	skip_verify: boolean;
	state: string;
	qr_code?: string;
	user: string[];
	party: number[];
	is_temp: boolean;
	expires_in?: number;
	chat_expires_in?: number;
	unionid?: string;
	is_exclusive: boolean;
	conclusions?: Record<string, unknown>;
	create_time: number;
}

/** Department id → members: 1 is the whole corp, 2 and 3 split it. */
export const DEPARTMENTS: ReadonlyMap<number, readonly string[]> = new Map<
	number,
	readonly string[]
>([
	[1, MEMBERS],
	[2, [MEMBERS[0], MEMBERS[1]]],
	[3, [MEMBERS[2]]],
]);

export class ContactWayBook {
	readonly ways = new Map<string, ContactWay>();
	/** Every customer a sandbox "scan" added, so each scan makes a new customer. */
	scans = 0;

	reset(): void {
		this.ways.clear();
		this.scans = 0;
	}

	add(way: Omit<ContactWay, 'config_id' | 'qr_code' | 'create_time'>): ContactWay {
		// state.ts holds this book, so it cannot lend its own id helper without an import cycle.
		const config_id = `cw${randomBytes(15).toString('hex')}`;
		const created: ContactWay = {
			...way,
			config_id,
			create_time: Math.floor(Date.now() / 1000),
			// WeCom returns a QR code only for scene 2 (通过二维码联系).
			...(way.scene === 2
				? { qr_code: `https://wework.qpic.cn/wwpic/sandbox_${config_id}/0` }
				: {}),
		};
		this.ways.set(config_id, created);
		return created;
	}
}
