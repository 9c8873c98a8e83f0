/**
 * Customer groups (客户群) and their 「加入群聊」 join ways: what groupchat/list, groupchat/get and
 * opengid_to_chatid read. Seeded the same on every start and reset, so tests can name them.
 */
import { SEEDED_CUSTOMERS } from './contacts';
import { MEMBERS, generatedMemberName } from './members';

export interface GroupMember {
	userid: string;
	type: 1 | 2;
	join_time: number;
	join_scene: number;
	invitor?: { userid: string };
	group_nickname: string;
	name: string;
	/** The join way's state, for members who joined through one (加入群聊). */
	state?: string;
}

export interface GroupChat {
	chat_id: string;
	name: string;
	owner: string;
	create_time: number;
	notice: string;
	/** 0 跟进人正常, 1 跟进人离职, 2 离职继承中, 3 离职继承完成. */
	status: number;
	member_list: GroupMember[];
	admin_list: Array<{ userid: string }>;
}

/** 「加入群聊」: a group QR code or mini-program button (groupchat/add_join_way). */
export interface JoinWay {
	config_id: string;
	scene: number;
	remark: string;
	auto_create_room: number;
	room_base_name: string;
	room_base_id: number;
	chat_id_list: string[];
	state: string;
	qr_code?: string;
}

export const SEEDED_GROUPS = {
	/** "VIP 客户群", owner zhangsan: zhangsan and the customer 李雷 (joined by QR code). */
	vip: 'wrSandboxGroupVip0000000000001',
	/** "门店福利群", owner lisi. */
	store: 'wrSandboxGroupStore00000000002',
	/** "老客户群", owner wangwu, who left (status 1 离职待继承). */
	inherited: 'wrSandboxGroupInherited000003',
} as const;

/** The opengid a mini-program sees for the VIP group. */
export const SEEDED_OPENGID = 'oAAAASandboxOpenGidVip0000001';

/** Owned by generated members, so a full list takes more than one page of 1,000. */
export const GENERATED_GROUPS = 1200;
export const GENERATED_GROUP_OWNERS = 40;

const SEEDED_AT = 1700000000;

function member(userid: string, type: 1 | 2, name: string, joinScene = 1): GroupMember {
	return {
		userid,
		type,
		join_time: SEEDED_AT + 60,
		join_scene: joinScene,
		group_nickname: '',
		name,
		...(type === 2 ? { invitor: { userid: MEMBERS[0] } } : {}),
	};
}

export function generatedGroupId(i: number): string {
	return `wrSandboxGroupGen${String(i).padStart(13, '0')}`;
}

export class GroupChatBook {
	readonly chats = new Map<string, GroupChat>();
	readonly opengids = new Map<string, string>();
	readonly joinWays = new Map<string, JoinWay>();
	/** Customers a sandbox "scan" of a join way added, so each one is new. */
	joins = 0;

	constructor() {
		this.reset();
	}

	reset(): void {
		this.chats.clear();
		this.opengids.clear();
		this.joinWays.clear();
		this.joins = 0;
		const add = (chat: Omit<GroupChat, 'create_time' | 'notice' | 'admin_list'>) =>
			this.chats.set(chat.chat_id, { ...chat, create_time: SEEDED_AT, notice: '', admin_list: [] });
		add({
			chat_id: SEEDED_GROUPS.vip,
			name: 'VIP 客户群',
			owner: MEMBERS[0],
			status: 0,
			member_list: [member(MEMBERS[0], 1, '张三'), member(SEEDED_CUSTOMERS.lilei, 2, '李雷', 3)],
		});
		add({
			chat_id: SEEDED_GROUPS.store,
			name: '门店福利群',
			owner: MEMBERS[1],
			status: 0,
			member_list: [member(MEMBERS[1], 1, '李四')],
		});
		add({
			chat_id: SEEDED_GROUPS.inherited,
			name: '老客户群',
			owner: MEMBERS[2],
			status: 1,
			member_list: [member(MEMBERS[2], 1, '王五')],
		});
		for (let i = 0; i < GENERATED_GROUPS; i++) {
			const owner = generatedMemberName(MEMBERS.length + (i % GENERATED_GROUP_OWNERS));
			add({
				chat_id: generatedGroupId(i),
				name: `批量群 ${i + 1}`,
				owner,
				status: 0,
				member_list: [member(owner, 1, owner)],
			});
		}
		this.opengids.set(SEEDED_OPENGID, SEEDED_GROUPS.vip);
	}
}
