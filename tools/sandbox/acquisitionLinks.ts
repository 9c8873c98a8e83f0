/**
 * 获客助手: acquisition links (获客链接), the customers each link brought, and the corp's quota
 * (使用量). Seeded the same on every start and reset, so tests can name them.
 */
export interface AcquisitionLink {
	link_id: string;
	link_name: string;
	url: string;
	create_time: number;
	user_list: string[];
	department_list: number[];
	skip_verify: boolean;
}

export interface LinkCustomer {
	external_userid: string;
	userid: string;
	/** 0 the customer has not written yet, 1 has written, 2 unknown (customer_acquisition/customer). */
	chat_status: number;
	state: string;
	/** When the customer added the member: statistic counts by it. */
	added_at: number;
}

/** "抖音投放", owner zhangsan, 1,200 customers (two pages of 1,000). */
export const SEEDED_LINK = 'caSandboxLinkAds0000000001';
export const SEEDED_LINK_CUSTOMERS = 1200;
/** Links beside the seeded one, so list_link takes two pages of 100. */
export const GENERATED_LINKS = 120;
export const LINK_SEEDED_AT = 1700000000;
export const SEEDED_QUOTA = { total: 1000, balance: 120, expireDate: 1798732800 };

export function generatedLinkId(i: number): string {
	return `caSandboxLinkGen${String(i).padStart(10, '0')}`;
}

export function linkUrl(linkId: string): string {
	return `https://work.weixin.qq.com/ca/${linkId}`;
}

export class AcquisitionBook {
	readonly links = new Map<string, AcquisitionLink>();
	readonly customers = new Map<string, LinkCustomer[]>();
	quota = {
		total: 0,
		balance: 0,
		quota_list: [] as Array<{ expire_date: number; balance: number }>,
	};
	created = 0;

	constructor() {
		this.reset();
	}

	reset(): void {
		this.links.clear();
		this.customers.clear();
		this.created = 0;
		const add = (link_id: string, link_name: string, user_list: string[]) =>
			this.links.set(link_id, {
				link_id,
				link_name,
				url: linkUrl(link_id),
				create_time: LINK_SEEDED_AT,
				user_list,
				department_list: [],
				skip_verify: true,
			});
		add(SEEDED_LINK, '抖音投放', ['zhangsan']);
		this.customers.set(
			SEEDED_LINK,
			Array.from({ length: SEEDED_LINK_CUSTOMERS }, (_, i) => ({
				external_userid: `wmLink${String(i).padStart(22, '0')}`,
				userid: 'zhangsan',
				chat_status: i % 3,
				state: i % 2 === 0 ? 'douyin' : '',
				added_at: LINK_SEEDED_AT + i * 3600,
			})),
		);
		for (let i = 0; i < GENERATED_LINKS; i++)
			add(generatedLinkId(i), `批量链接 ${i + 1}`, ['lisi']);
		this.quota = {
			total: SEEDED_QUOTA.total,
			balance: SEEDED_QUOTA.balance,
			quota_list: [{ expire_date: SEEDED_QUOTA.expireDate, balance: SEEDED_QUOTA.balance }],
		};
	}
}
