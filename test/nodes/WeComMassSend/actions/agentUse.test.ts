/**
 * As an AI agent's tool, every operation that changes WeCom data refuses unless the user turned
 * on "Allow Use by AI Agents"; with the opt-in it runs. Reads need no opt-in. Which operations
 * change data follows from the APIs each declares (the registry), so the refusal is checked for
 * every one of them, not for a hand-kept list.
 */
import type { IDataObject } from 'n8n-workflow';

import { USER_NAMED_API } from '../../../../nodes/WeComMassSend/actions/operation';
import { RESOURCES } from '../../../../nodes/WeComMassSend/actions/resources';
import { WeComMassSend } from '../../../../nodes/WeComMassSend/WeComMassSend.node';
import { pngItem } from './media/fixtures';
import type { Sandbox } from '../../../../tools/sandbox';
import { SEEDED_CUSTOMERS, SEEDED_TAGS } from '../../../../tools/sandbox/contacts';
import { SEEDED_GROUPS } from '../../../../tools/sandbox/groupChats';
import { SEEDED_MOMENTS } from '../../../../tools/sandbox/moments';
import { MASS_SEND_TYPE, registerNodeType, runMassSend } from '../../../helpers/engine';
import { apiCalls, useSandbox } from '../../../helpers/sandbox';

const currentSandbox = useSandbox();
let sandbox: Sandbox;
beforeEach(() => {
	sandbox = currentSandbox();
});
const TOOL_TYPE = `${MASS_SEND_TYPE}Tool`;
registerNodeType(TOOL_TYPE, new WeComMassSend());

async function templateId(): Promise<string> {
	const created = await runMassSend({
		resource: 'groupWelcomeTemplate',
		operation: 'create',
		text: 'Welcome %NICKNAME%!',
	});
	return created.json()[0].template_id as string;
}

async function contactWayId(): Promise<string> {
	const created = await runMassSend({
		resource: 'contactWay',
		operation: 'create',
		members: 'zhangsan',
		state: 'agent',
	});
	return created.json()[0].config_id as string;
}

async function joinWayId(): Promise<string> {
	const created = await runMassSend({
		resource: 'customerGroup',
		operation: 'createJoinWay',
		chatIds: SEEDED_GROUPS.vip,
	});
	return created.json()[0].config_id as string;
}

/** Each case: the parameters and input of one operation, prepared against the sandbox. */
const CASES: Array<
	[string, string, () => Promise<{ parameters: IDataObject; input?: IDataObject[] }>]
> = [
	[
		'massMessage',
		'remind',
		async () => ({
			parameters: { msgId: sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 }) },
		}),
	],
	[
		'massMessage',
		'cancel',
		async () => ({
			parameters: { msgId: sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 }) },
		}),
	],
	['groupWelcomeTemplate', 'create', async () => ({ parameters: { text: 'Welcome %NICKNAME%!' } })],
	[
		'groupWelcomeTemplate',
		'update',
		async () => ({ parameters: { templateId: await templateId(), text: 'Hello %NICKNAME%' } }),
	],
	[
		'groupWelcomeTemplate',
		'delete',
		async () => ({ parameters: { templateId: await templateId() } }),
	],
	[
		'welcomeMessage',
		'send',
		async () => ({
			parameters: { text: 'Hi %NICKNAME%' },
			input: [{ WelcomeCode: sandbox.issueWelcomeCode() }],
		}),
	],
	[
		'massMessage',
		'create',
		async () => ({ parameters: { externalUserIds: 'wmCustomer1', text: 'Hello' } }),
	],
	['media', 'upload', async () => ({ parameters: {}, input: [pngItem()] })],
	['media', 'uploadImage', async () => ({ parameters: {}, input: [pngItem()] })],
	[
		'customer',
		'updateRemark',
		async () => ({
			parameters: {
				userId: 'zhangsan',
				externalUserId: SEEDED_CUSTOMERS.lilei,
				updateFields: { remark: 'VIP' },
			},
		}),
	],
	[
		'customerTag',
		'create',
		async () => ({
			parameters: { groupName: '意向', tags: { tag: [{ name: '高意向', order: 0 }] } },
		}),
	],
	[
		'customerTag',
		'update',
		async () => ({ parameters: { id: SEEDED_TAGS.vip, updateFields: { name: '重要客户' } } }),
	],
	[
		'customerTag',
		'delete',
		async () => ({ parameters: { tags: { tags: [{ tag: SEEDED_TAGS.store }] } } }),
	],
	[
		'customerTag',
		'updateOnCustomer',
		async () => ({
			parameters: {
				userId: 'zhangsan',
				externalUserId: SEEDED_CUSTOMERS.lilei,
				tagsToAdd: { tags: [{ tag: SEEDED_TAGS.online }] },
			},
		}),
	],
	['contactWay', 'create', async () => ({ parameters: { members: 'zhangsan', state: 'agent' } })],
	[
		'contactWay',
		'update',
		async () => ({
			parameters: { configId: await contactWayId(), updateFields: { state: 'agent2' } },
		}),
	],
	['contactWay', 'delete', async () => ({ parameters: { configId: await contactWayId() } })],
	[
		'contactWay',
		'endTempSession',
		async () => ({ parameters: { userId: 'zhangsan', externalUserId: SEEDED_CUSTOMERS.lilei } }),
	],
	['customerGroup', 'createJoinWay', async () => ({ parameters: { chatIds: SEEDED_GROUPS.vip } })],
	[
		'customerGroup',
		'updateJoinWay',
		async () => ({
			parameters: { joinWayConfigId: await joinWayId(), updateFields: { state: 'agent' } },
		}),
	],
	[
		'customerGroup',
		'deleteJoinWay',
		async () => ({ parameters: { joinWayConfigId: await joinWayId() } }),
	],
	[
		'customerTransfer',
		'transferCustomers',
		async () => ({
			parameters: {
				handoverUserId: 'zhaoliu',
				takeoverUserId: 'zhangsan',
				externalUserIds: 'wmSeedzhaoliu000001',
			},
		}),
	],
	[
		'customerTransfer',
		'transferGroups',
		async () => ({ parameters: { chatIds: SEEDED_GROUPS.vip, newOwner: 'lisi' } }),
	],
	[
		'acquisitionLink',
		'create',
		async () => ({ parameters: { linkName: 'agent', members: 'zhangsan' } }),
	],
	[
		'acquisitionLink',
		'update',
		async () => ({
			parameters: { linkId: 'caSandboxLinkAds0000000001', updateFields: { linkName: 'agent' } },
		}),
	],
	[
		'acquisitionLink',
		'delete',
		async () => ({ parameters: { linkId: 'caSandboxLinkAds0000000001' } }),
	],
	['moment', 'cancel', async () => ({ parameters: { momentId: SEEDED_MOMENTS.company } })],
	['moment', 'create', async () => ({ parameters: { text: 'Hi' } })],
];

const CHANGING = RESOURCES.flatMap((resource) =>
	resource.operations
		.filter((operation) => operation.changesData && operation.calls !== USER_NAMED_API)
		.map((operation) => [resource.value, operation.value] as [string, string]),
);

test('every operation that changes data has a case that runs it with the opt-in', () => {
	expect(CASES.map(([resource, operation]) => `${resource}.${operation}`).sort()).toEqual(
		CHANGING.map(([resource, operation]) => `${resource}.${operation}`).sort(),
	);
});

test.each(CHANGING)(
	'%s → %s refuses as an agent tool without the opt-in, before any request',
	async (resource, operation) => {
		sandbox.resetCalls();
		// Only the editor's required fields, so n8n runs the node: the refusal comes before anything is read.
		const refused = await runMassSend(
			{
				resource,
				operation,
				msgId: 'msgX',
				templateId: 'tplX',
				configId: 'cwX',
				joinWayConfigId: 'jwX',
				chatIds: 'wrX',
				userId: 'zhangsan',
				momentId: 'momX',
				handoverUserId: 'zhaoliu',
				takeoverUserId: 'lisi',
				externalUserIds: 'wmX',
				newOwner: 'lisi',
				linkId: 'caX',
				linkName: 'x',
			},
			[{}],
			{ type: TOOL_TYPE },
		);
		expect(refused.error?.message).toMatch(
			/from an AI agent is off: turn on "Allow Use by AI Agents"/,
		);
		expect(refused.error?.context?.field).toBe('options.allowAsAiTool');
		expect(apiCalls(sandbox)).toHaveLength(0);
	},
);

test.each(CASES)(
	'%s → %s runs as an agent tool with the opt-in',
	async (resource, operation, prepare) => {
		const { parameters, input } = await prepare();
		sandbox.resetCalls();
		const allowed = await runMassSend(
			{ resource, operation, ...parameters, options: { allowAsAiTool: true } },
			input,
			{ type: TOOL_TYPE },
		);
		expect(allowed.error).toBeUndefined();
		expect(apiCalls(sandbox).length).toBeGreaterThan(0);
	},
);

test('the same operations need no opt-in outside an agent', async () => {
	const msgid = sandbox.seedMassMessage({ members: 1, resultsPerMember: 1 });
	const result = await runMassSend({ resource: 'massMessage', operation: 'remind', msgId: msgid });
	expect(result.error).toBeUndefined();
});
