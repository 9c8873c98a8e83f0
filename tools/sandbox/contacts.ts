/**
 * Customers (外部联系人), who follows them, and the corp tag library (企业标签库): what
 * externalcontact/get, get_corp_tag_list and mark_tag read and change. Seeded the same on every
 * start and reset, so tests can name the customers and tags below.
 */
import { MEMBERS, generatedMemberName } from './members';

export interface CorpTag {
	id: string;
	name: string;
	create_time: number;
	order: number;
}

export interface CorpTagGroup {
	group_id: string;
	group_name: string;
	create_time: number;
	order: number;
	tag: CorpTag[];
}

export interface Follow {
	remark: string;
	description: string;
	createtime: number;
	add_way: number;
	oper_userid: string;
	tagIds: Set<string>;
	/** The contact way's state (渠道参数) the customer came through, '' when none. */
	state?: string;
	remark_corp_name?: string;
	remark_mobiles?: string[];
	remark_pic_mediaid?: string;
}

export interface Customer {
	contact: Record<string, unknown>;
	/** userid → follow data, in the order the members added the customer. */
	followers: Map<string, Follow>;
}

export const SEEDED_CUSTOMERS = {
	/** 李雷: added by zhangsan (tag VIP) and lisi. */
	lilei: 'wmSandboxCustomerLiLei00000001',
	/** 韩梅梅: added by wangwu, no tags. */
	hanmeimei: 'wmSandboxCustomerHanMeiMei0002',
	/** Followed by 1,200 members, so its follow_user list comes in pages of 500. */
	popular: 'wmSandboxCustomerPopular000003',
} as const;

export const POPULAR_FOLLOWERS = 1200;

/** A member with many customers, so batch/get_by_user pages (at most 100 a page). */
export const BUSY_MEMBER = 'zhaoliu';
export const BUSY_MEMBER_CUSTOMERS = 2500;

/** The customer IDs seedCustomers makes: stable, so tests can name them. */
export function seededCustomerId(userid: string, i: number): string {
	return `wmSeed${userid}${String(i).padStart(6, '0')}`;
}

export const SEEDED_TAGS = {
	levelGroup: 'etSandboxGroupLevel',
	vip: 'etSandboxTagVip',
	regular: 'etSandboxTagRegular',
	sourceGroup: 'etSandboxGroupSource',
	online: 'etSandboxTagOnline',
	store: 'etSandboxTagStore',
} as const;

const SEEDED_AT = 1700000000;

function seedTagGroups(): CorpTagGroup[] {
	const tag = (id: string, name: string, order: number): CorpTag => ({
		id,
		name,
		create_time: SEEDED_AT,
		order,
	});
	return [
		{
			group_id: SEEDED_TAGS.levelGroup,
			group_name: '客户等级',
			create_time: SEEDED_AT,
			order: 2,
			tag: [tag(SEEDED_TAGS.vip, 'VIP', 2), tag(SEEDED_TAGS.regular, '普通客户', 1)],
		},
		{
			group_id: SEEDED_TAGS.sourceGroup,
			group_name: '客户来源',
			create_time: SEEDED_AT,
			order: 1,
			tag: [tag(SEEDED_TAGS.online, '线上活动', 2), tag(SEEDED_TAGS.store, '门店', 1)],
		},
	];
}

function follow(createtime: number, tagIds: string[] = [], remark = ''): Follow {
	return {
		remark,
		description: '',
		createtime,
		add_way: 1,
		oper_userid: '',
		tagIds: new Set(tagIds),
	};
}

/** Members' names (通讯录), readable only when the test says the secret may read the directory. */
export const MEMBER_NAMES: Record<string, string> = {
	zhangsan: '张三',
	lisi: '李四',
	wangwu: '王五',
};

export class ContactBook {
	readonly customers = new Map<string, Customer>();
	tagGroups: CorpTagGroup[] = [];
	/**
	 * Whether user/simplelist answers: false like a 客户联系 secret without directory access
	 * (WeCom answers 60011), the usual case; tests turn it on.
	 */
	directoryReadable = false;

	constructor() {
		this.reset();
	}

	reset(): void {
		this.directoryReadable = false;
		this.customers.clear();
		this.tagGroups = seedTagGroups();
		this.customers.set(SEEDED_CUSTOMERS.lilei, {
			contact: {
				external_userid: SEEDED_CUSTOMERS.lilei,
				name: '李雷',
				type: 1,
				gender: 1,
				avatar: '',
			},
			followers: new Map([
				[MEMBERS[0], follow(SEEDED_AT + 60, [SEEDED_TAGS.vip], '李雷-老客户')],
				[MEMBERS[1], follow(SEEDED_AT + 120)],
			]),
		});
		this.customers.set(SEEDED_CUSTOMERS.hanmeimei, {
			contact: {
				external_userid: SEEDED_CUSTOMERS.hanmeimei,
				name: '韩梅梅',
				type: 1,
				gender: 2,
				avatar: '',
			},
			followers: new Map([[MEMBERS[2], follow(SEEDED_AT + 180)]]),
		});
		this.customers.set(SEEDED_CUSTOMERS.popular, {
			contact: {
				external_userid: SEEDED_CUSTOMERS.popular,
				name: '热门客户',
				type: 1,
				gender: 0,
				avatar: '',
			},
			followers: new Map(
				Array.from({ length: POPULAR_FOLLOWERS }, (_, i) => [
					generatedMemberName(i),
					follow(SEEDED_AT + i),
				]),
			),
		});
		this.seedCustomers(BUSY_MEMBER, BUSY_MEMBER_CUSTOMERS, [SEEDED_TAGS.online]);
	}

	/** `count` more customers followed by `userid` (tagged by `tagIds`); the pages of batch/get_by_user. */
	seedCustomers(userid: string, count: number, tagIds: string[] = []): void {
		const start = [...this.customers.values()].filter((c) => c.followers.has(userid)).length;
		for (let i = start; i < start + count; i++) {
			const id = seededCustomerId(userid, i);
			this.customers.set(id, {
				contact: { external_userid: id, name: `客户${i}`, type: 1, gender: i % 3, avatar: '' },
				followers: new Map([
					[userid, { ...follow(SEEDED_AT + i, tagIds), state: i % 2 === 0 ? 'qr-even' : '' }],
				]),
			});
		}
	}

	findGroup(groupId: string): CorpTagGroup | undefined {
		return this.tagGroups.find((group) => group.group_id === groupId);
	}

	findTag(tagId: string): { group: CorpTagGroup; tag: CorpTag } | undefined {
		for (const group of this.tagGroups) {
			const tag = group.tag.find((t) => t.id === tagId);
			if (tag) return { group, tag };
		}
		return undefined;
	}
}
