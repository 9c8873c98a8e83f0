/**
 * 客户继承 (在职继承 / 离职继承): who has left, which of their customers wait for a new member
 * (get_unassigned_list), and each transfer with its result. WeCom answers a transfer at once but
 * hands the customer over later (24 h, or when the customer accepts); here a transfer stays
 * "waiting" (status 2) for TRANSFER_POLLS_UNTIL_DONE reads of its result, then is done (status 1),
 * so flows that poll are tested the way they meet WeCom.
 */
import { BUSY_MEMBER, SEEDED_CUSTOMERS, seededCustomerId } from './contacts';

/** wangwu has left (his 老客户群 waits for a new owner, and 韩梅梅 for a new member). */
export const RESIGNED_MEMBERS = ['wangwu', 'resigned01'] as const;
/** resigned01 left 1,500 customers, so get_unassigned_list takes two pages of 1,000. */
export const GENERATED_RESIGNED = 'resigned01';
export const GENERATED_UNASSIGNED = 1500;
export const TRANSFER_POLLS_UNTIL_DONE = 2;
/** A customer of zhaoliu who refuses a new member while zhaoliu stays (transfer_result status 3). */
export const REFUSING_CUSTOMER = seededCustomerId(BUSY_MEMBER, 0);

export function generatedUnassignedId(i: number): string {
	return `wmResigned${String(i).padStart(20, '0')}`;
}

export interface Unassigned {
	handover_userid: string;
	external_userid: string;
	dimission_time: number;
}

export interface TransferRecord {
	handover: string;
	takeover: string;
	resigned: boolean;
	external_userid: string;
	/** 1 接替完毕, 2 等待接替, 3 客户拒绝, 4 接替成员客户达到上限. */
	status: number;
	takeover_time: number;
	polls: number;
}

export class TransferBook {
	unassigned: Unassigned[] = [];
	readonly records: TransferRecord[] = [];
	/** chat_id → how many times it was transferred while its owner stayed (WeCom: 2 per 90 days). */
	readonly groupTransfers = new Map<string, number>();

	constructor() {
		this.reset();
	}

	reset(): void {
		this.records.length = 0;
		this.groupTransfers.clear();
		this.unassigned = [
			{
				handover_userid: 'wangwu',
				external_userid: SEEDED_CUSTOMERS.hanmeimei,
				dimission_time: 1700086400,
			},
		];
		for (let i = 0; i < GENERATED_UNASSIGNED; i++) {
			this.unassigned.push({
				handover_userid: GENERATED_RESIGNED,
				external_userid: generatedUnassignedId(i),
				dimission_time: 1700000000,
			});
		}
	}

	isResigned(userid: string): boolean {
		return (RESIGNED_MEMBERS as readonly string[]).includes(userid);
	}

	/** A customer still waiting for a member after an earlier transfer. */
	pending(externalUserId: string): TransferRecord | undefined {
		return this.records.find((r) => r.external_userid === externalUserId && r.status === 2);
	}

	/** Transfers of a customer while its member stayed (WeCom: at most 2 per customer in 90 days). */
	onjobTransfers(externalUserId: string): number {
		return this.records.filter((r) => r.external_userid === externalUserId && !r.resigned).length;
	}

	/** One read of transfer_result: each waiting transfer gets one poll closer to its result. */
	read(handover: string, takeover: string, resigned: boolean, now: number): TransferRecord[] {
		const mine = this.records.filter(
			(r) => r.handover === handover && r.takeover === takeover && r.resigned === resigned,
		);
		for (const record of mine) {
			if (record.status !== 2) continue;
			record.polls++;
			if (record.polls >= TRANSFER_POLLS_UNTIL_DONE) {
				record.status = !record.resigned && record.external_userid === REFUSING_CUSTOMER ? 3 : 1;
				record.takeover_time = record.status === 1 ? now : 0;
			}
		}
		return mine;
	}
}
