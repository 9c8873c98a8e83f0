/**
 * Everything the sandbox remembers, plus the seed data. Collections are cleared in place on reset
 * because the Sandbox object hands out references to them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type {
	FaultRule,
	MediaRecord,
	RecordedCall,
	SandboxConfig,
	SeedMassMessageOptions,
} from './types';
import { ContactBook } from './contacts';
import { ContactWayBook } from './contactWays';
import { GroupChatBook } from './groupChats';
import { TransferBook } from './transfers';
import { AcquisitionBook } from './acquisitionLinks';
import { MomentBook } from './moments';
import { MEMBERS, generatedMemberName } from './members';

/** 2020-11-17 00:00 China time: get_groupmsg_task knows nothing about messages created before it. */
export const LEGACY_CUTOFF = 1605542400;

const DAY = 86400;

export interface TokenInfo {
	expiresAt: number;
	invalid: boolean;
}

export interface WelcomeCode {
	userId: string;
	externalUserId: string;
	expiresAt: number;
	usedAt?: number;
	heldUntil: number;
}

export interface ActiveFault {
	rule: FaultRule;
	seen: number;
	fired: number;
}

/**
 * Who a mass message went to. Seeded messages can be huge (300 × 2,500), so targets are computed
 * from indexes instead of stored.
 */
export interface Audience {
	memberCount(): number;
	memberAt(i: number): string;
	memberIndex(userid: string): number;
	targetCount(member: number): number;
	targetAt(member: number, n: number): string;
}

export class ListAudience implements Audience {
	constructor(private readonly byMember: Array<[string, string[]]>) {}
	memberCount(): number {
		return this.byMember.length;
	}
	memberAt(i: number): string {
		return this.byMember[i][0];
	}
	memberIndex(userid: string): number {
		return this.byMember.findIndex(([u]) => u === userid);
	}
	targetCount(member: number): number {
		return this.byMember[member][1].length;
	}
	targetAt(member: number, n: number): string {
		return this.byMember[member][1][n];
	}
}

export class GeneratedAudience implements Audience {
	constructor(
		private readonly members: number,
		private readonly perMember: number,
		private readonly prefix: string,
	) {}
	memberCount(): number {
		return this.members;
	}
	memberAt(i: number): string {
		return generatedMemberName(i);
	}
	memberIndex(userid: string): number {
		const fixed = (MEMBERS as readonly string[]).indexOf(userid);
		if (fixed >= 0) return fixed < this.members ? fixed : -1;
		const m = /^member(\d{4,})$/.exec(userid);
		if (!m) return -1;
		const i = Number(m[1]) - 1;
		return i >= MEMBERS.length && i < this.members ? i : -1;
	}
	targetCount(): number {
		return this.perMember;
	}
	targetAt(member: number, n: number): string {
		// Fixed widths keep ids unique within a message without storing them.
		return this.prefix + member.toString(36).padStart(3, '0') + n.toString(36).padStart(5, '0');
	}
}

export interface MassMessage {
	msgid: string;
	chatType: 'single' | 'group';
	creator: string;
	createTime: number;
	createType: 0 | 1;
	text?: { content: string };
	attachments: unknown[];
	legacy: boolean;
	audience: Audience;
	/** userid → unix seconds the member confirmed sending. */
	sentAt: Map<string, number>;
	allSentAt?: number;
	canceledAt?: number;
	/** ms timestamps of remind_groupmsg_send calls, for the 3-per-24-h quota. */
	reminders: number[];
}

export function memberSendTime(msg: MassMessage, userid: string): number {
	return msg.sentAt.get(userid) ?? msg.allSentAt ?? 0;
}

/** Deterministic spread of outcomes once a member has sent: mostly delivered, some 2 and 3. */
export function resultStatus(member: number, n: number): 1 | 2 | 3 {
	const x = (member * 7 + n) % 10;
	return x < 8 ? 1 : x === 8 ? 2 : 3;
}

export function randomId(prefix: string, length: number): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = randomBytes(length);
	let out = prefix;
	for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
	return out;
}

export function shortHash(s: string, length = 6): string {
	return createHash('sha1').update(s).digest('hex').slice(0, length);
}

export class SandboxState {
	readonly tokens = new Map<string, TokenInfo>();
	readonly issued: string[] = [];
	readonly media = new Map<string, MediaRecord>();
	readonly messages = new Map<string, MassMessage>();
	readonly welcomeCodes = new Map<string, WelcomeCode>();
	readonly welcomeSends: Array<{ code: string; body: any; at: number }> = [];
	readonly templates = new Map<string, any>();
	readonly contacts = new ContactBook();
	readonly contactWays = new ContactWayBook();
	readonly groupChats = new GroupChatBook();
	readonly transfers = new TransferBook();
	readonly acquisition = new AcquisitionBook();
	readonly moments = new MomentBook();
	readonly calls: RecordedCall[] = [];
	readonly faults: ActiveFault[] = [];
	seq = 0;

	constructor(
		readonly config: SandboxConfig,
		readonly tokenTtlSeconds: number,
	) {
		this.seedHistory();
	}

	reset(): void {
		this.tokens.clear();
		this.issued.length = 0;
		this.media.clear();
		this.messages.clear();
		this.welcomeCodes.clear();
		this.welcomeSends.length = 0;
		this.templates.clear();
		this.contacts.reset();
		this.contactWays.reset();
		this.groupChats.reset();
		this.transfers.reset();
		this.acquisition.reset();
		this.moments.reset();
		this.calls.length = 0;
		this.faults.length = 0;
		this.seq = 0;
		this.seedHistory();
	}

	issueToken(): string {
		const token = randomId('', 64);
		this.tokens.set(token, { expiresAt: Date.now() + this.tokenTtlSeconds * 1000, invalid: false });
		this.issued.push(token);
		return token;
	}

	issueWelcomeCode(
		opts: { userId?: string; externalUserId?: string; ttlMs?: number } = {},
	): string {
		const code = randomId('', 43);
		this.welcomeCodes.set(code, {
			userId: opts.userId ?? 'zhangsan',
			externalUserId: opts.externalUserId ?? randomId('wm', 28),
			expiresAt: Date.now() + (opts.ttlMs ?? 20000),
			heldUntil: 0,
		});
		return code;
	}

	addMessage(msg: MassMessage): void {
		this.messages.set(msg.msgid, msg);
	}

	seedMassMessage(opts: SeedMassMessageOptions): string {
		const msgid = opts.msgid ?? randomId('msg', 26);
		const chatType = opts.chatType ?? 'single';
		const createTime =
			opts.createTime ?? (opts.legacy ? 1600000000 : Math.floor(Date.now() / 1000));
		const prefix = (chatType === 'group' ? 'wr' : 'wm') + shortHash(msgid);
		this.addMessage({
			msgid,
			chatType,
			creator: opts.creator ?? 'zhangsan',
			createTime,
			createType: 0,
			text: { content: `Sandbox seeded message ${msgid}` },
			attachments: [],
			legacy: opts.legacy ?? createTime < LEGACY_CUTOFF,
			audience: new GeneratedAudience(opts.members, opts.resultsPerMember, prefix),
			sentAt: new Map(),
			reminders: [],
		});
		return msgid;
	}

	markSent(msgid: string, userid?: string): void {
		const msg = this.messages.get(msgid);
		if (!msg) throw new Error(`sandbox: unknown msgid ${msgid}`);
		const now = Math.floor(Date.now() / 1000);
		if (userid === undefined) {
			msg.allSentAt = now;
			return;
		}
		if (msg.audience.memberIndex(userid) < 0)
			throw new Error(`sandbox: ${userid} is not a member of ${msgid}`);
		msg.sentAt.set(userid, now);
	}

	/**
	 * 250 single-chat records spread evenly over the last 90 days, so listing across several
	 * one-month windows and several pages of 100 has something to find. Same shape every start.
	 */
	private seedHistory(): void {
		const now = Math.floor(Date.now() / 1000);
		const count = 250;
		for (let i = 0; i < count; i++) {
			const msgid = `msgSandboxSeed${String(i + 1).padStart(4, '0')}`;
			const createTime = now - Math.floor(((i + 0.5) * 90 * DAY) / count);
			this.seedMassMessage({
				msgid,
				members: 1 + (i % 3),
				resultsPerMember: 3 + (i % 10),
				createTime,
				creator: MEMBERS[i % MEMBERS.length],
			});
			const msg = this.messages.get(msgid)!;
			msg.createType = i % 5 === 4 ? 1 : 0;
			msg.text = { content: `Sandbox history message #${i + 1}` };
			if (i % 3 === 0) msg.allSentAt = createTime + 3600;
		}
	}
}
