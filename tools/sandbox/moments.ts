/**
 * Customer moments (客户朋友圈): what get_moment_list, get_moment_task, get_moment_customer_list,
 * get_moment_send_result, get_moment_comments and cancel_moment_task read and change. Seeded the same
 * on every start and reset, so tests can name them.
 */
import { SEEDED_CUSTOMERS } from './contacts';
import { generatedMemberName } from './members';

export interface MomentTask {
	userid: string;
	/** 0 未发表, 1 已发表. */
	publish_status: 0 | 1;
	/** Customers who can see the member's moment (get_moment_customer_list). */
	visible: string[];
	/** Customers the published moment reached (get_moment_send_result). */
	sent: string[];
	comments: Array<{ external_userid?: string; userid?: string; create_time: number }>;
	likes: Array<{ external_userid?: string; userid?: string; create_time: number }>;
}

export interface Moment {
	moment_id: string;
	creator: string;
	create_time: number;
	/** 0 企业发表, 1 个人发表. */
	create_type: 0 | 1;
	/** 0 部分可见, 1 公开. */
	visible_type: 0 | 1;
	text?: { content: string };
	image?: Array<{ media_id: string }>;
	link?: { title: string; url: string };
	tasks: MomentTask[];
	cancelled: boolean;
}

/** 2025-12-01 00:00 China time: every seeded moment is created in the week after it. */
export const MOMENT_EPOCH = 1764518400;

export const SEEDED_MOMENTS = {
	/** Company moment (企业发表), tasks for zhangsan (published), lisi (not yet) and wangwu (published). */
	company: 'momSandboxCompany00000000001',
	/** A member's own moment (个人发表) by lisi, with a link. */
	personal: 'momSandboxPersonal0000000002',
	/** Company moment for 1,200 generated members; zhangsan's customer lists take several pages. */
	big: 'momSandboxBig000000000000003',
} as const;

/** Personal moments of generated members, so a window holds more than one page of 20. */
export const GENERATED_MOMENTS = 25;
export const BIG_MOMENT_MEMBERS = 1200;
/** zhangsan's visible customers and reached customers on the big moment. */
export const BIG_MOMENT_CUSTOMERS = 2500;

function task(
	userid: string,
	published: boolean,
	visible: string[],
	extra: Partial<MomentTask> = {},
): MomentTask {
	return {
		userid,
		publish_status: published ? 1 : 0,
		visible,
		sent: published ? visible : [],
		comments: [],
		likes: [],
		...extra,
	};
}

export function bigCustomer(i: number): string {
	return `wmSandboxMomentCustomer${String(i + 1).padStart(6, '0')}`;
}

export class MomentBook {
	readonly moments = new Map<string, Moment>();
	readonly jobs = new Map<string, MomentJob>();
	seq = 0;

	constructor() {
		this.reset();
	}

	reset(): void {
		this.moments.clear();
		this.jobs.clear();
		this.seq = 0;
		const t = MOMENT_EPOCH;
		this.add({
			moment_id: SEEDED_MOMENTS.company,
			creator: 'zhangsan',
			create_time: t + 3600,
			create_type: 0,
			visible_type: 0,
			text: { content: '双十二会员福利' },
			image: [{ media_id: 'WWCISP_sandboxMomentImage1' }],
			tasks: [
				task('zhangsan', true, [SEEDED_CUSTOMERS.lilei], {
					comments: [{ external_userid: SEEDED_CUSTOMERS.lilei, create_time: t + 7200 }],
					likes: [
						{ external_userid: SEEDED_CUSTOMERS.lilei, create_time: t + 7300 },
						{ userid: 'lisi', create_time: t + 7400 },
					],
				}),
				task('lisi', false, [SEEDED_CUSTOMERS.lilei]),
				task('wangwu', true, [SEEDED_CUSTOMERS.hanmeimei]),
			],
			cancelled: false,
		});
		this.add({
			moment_id: SEEDED_MOMENTS.personal,
			creator: 'lisi',
			create_time: t + 86400,
			create_type: 1,
			visible_type: 1,
			text: { content: '新品到店' },
			link: { title: '新品', url: 'https://example.com/new' },
			tasks: [task('lisi', true, [SEEDED_CUSTOMERS.lilei])],
			cancelled: false,
		});
		const bigCustomers = Array.from({ length: BIG_MOMENT_CUSTOMERS }, (_, i) => bigCustomer(i));
		this.add({
			moment_id: SEEDED_MOMENTS.big,
			creator: 'zhangsan',
			create_time: t + 2 * 86400,
			create_type: 0,
			visible_type: 0,
			text: { content: '周年庆' },
			tasks: Array.from({ length: BIG_MOMENT_MEMBERS }, (_, i) =>
				task(generatedMemberName(i), i % 2 === 0, i === 0 ? bigCustomers : []),
			),
			cancelled: false,
		});
		for (let i = 0; i < GENERATED_MOMENTS; i++) {
			const creator = generatedMemberName(3 + i);
			this.add({
				moment_id: `momSandboxGenerated${String(i + 1).padStart(9, '0')}`,
				creator,
				create_time: t + 3 * 86400 + i * 60,
				create_type: 1,
				visible_type: 1,
				text: { content: `日常分享 ${i + 1}` },
				tasks: [task(creator, true, [])],
				cancelled: false,
			});
		}
	}

	add(moment: Moment): void {
		this.moments.set(moment.moment_id, moment);
	}
}

/** An add_moment_task job: WeCom finishes it after a few get_moment_task_result polls. */
export interface MomentJob {
	jobid: string;
	polls: number;
	body: Record<string, unknown>;
	result?: Record<string, unknown>;
}

/** Polls after which the sandbox's job is done (status 1, then 2, then 3 with the result). */
export const MOMENT_JOB_POLLS = 3;
