import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { groupLocator } from '../WeComMassSend/actions/customerGroup/groupLocator';
import { searchCustomerGroups } from '../WeComMassSend/methods/groupSearch';
import { EVENT_OPTIONS } from './callback/catalog';
import { callbackSecretsFrom, handleCallbackRequest } from './callback/handler';
import { forgetSecrets } from './callback/secrets';
import {
	REPLAY_WINDOW_DEFAULT_S,
	REPLAY_WINDOW_MAX_S,
	REPLAY_WINDOW_MIN_S,
} from './callback/replay';

/**
 * WeCom has no API to register the callback URL: it is entered by hand in the admin console. So
 * the lifecycle has nothing to create remotely; it checks the credential instead, so a missing
 * Token or a bad EncodingAESKey fails at activation (or "Listen for test event") with a clear
 * message instead of as rejected callbacks later.
 */
async function assertCallbackCredential(this: IHookFunctions): Promise<boolean> {
	forgetSecrets(this);
	const credentials = (await this.getCredentials('weComApi')) as IDataObject;
	try {
		callbackSecretsFrom(credentials);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			description:
				'Fill Corp ID, Callback Token and Encoding AES Key in the WeCom API credential with ' +
				'the values of 客户联系 → API → 接收事件服务器.',
		});
	}
	return true;
}

const CALLBACK_PATH = 'wecom';

export class WeComTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom Trigger',
		name: 'weComTrigger',
		icon: { light: 'file:wecom.svg', dark: 'file:wecom.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves exactly as 1. n8n evaluates an expression for every request to a webhook node of
		// version 1 (`$parameter["options"]["binaryData"]`, a leftover of its own Webhook 1), which on
		// n8n 2.x with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true builds an isolate per callback that
		// nothing else needs (BENCHMARKS.md § 2c). Existing triggers keep version 1.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when WeCom (企业微信) reports a customer contact, customer group or ' +
			'customer tag change',
		defaults: {
			name: 'WeCom Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'weComApi',
				required: true,
			},
		],
		webhooks: [
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: CALLBACK_PATH,
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// n8n answers an event that starts a run with an empty 200, on 2.x once it holds the execution.
				responseData: 'noData',
				path: CALLBACK_PATH,
			},
		],
		properties: [
			{
				displayName:
					'Give WeCom this trigger’s Production URL (Webhook URLs above; the Test URL works ' +
					'only while you listen for a test event). In the WeCom admin console open 客户联系 ' +
					'→ API → 接收事件服务器 (Receive Event Server) and set: URL = the Production URL, Token = ' +
					'the credential’s Callback Token, EncodingAESKey = the credential’s Encoding AES Key. ' +
					'The Production URL answers only while the workflow is active (n8n 2.x: Publish): ' +
					'activate it first, since WeCom checks the URL when you save. WeCom keeps one such URL ' +
					'per company and sends every 客户联系 event to it, so use one workflow with one WeCom ' +
					'Trigger: choose every event you need below and branch on Event and ChangeType. If ' +
					'WeCom answers 回调地址请求不通过, n8n’s log names the check that failed.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					'WeCom sends no WelcomeCode while the console’s own welcome message applies to the ' +
					'member: turn it off (客户联系 → 欢迎语) to greet with Welcome Message → Send. A ' +
					'WelcomeCode is valid for 20 seconds only: send the welcome message right after this ' +
					'trigger.',
				name: 'welcomeCodeNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['add_external_contact'],
				description:
					'Which events start the workflow: customer contact (change_external_contact), ' +
					'customer group (change_external_chat) and customer tag (change_external_tag) ' +
					'changes',
				options: EVENT_OPTIONS,
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				description:
					'Each filter narrows only the events that carry its field; other selected events ' +
					'pass. A filtered callback is answered and starts nothing.',
				options: [
					{
						displayName: 'Group Change Kinds',
						name: 'updateDetails',
						type: 'multiOptions',
						default: [],
						description:
							'Customer Group Changed events (UpdateDetail) to keep; other group changes start nothing',
						options: [
							{ name: 'Member Joined (add_member)', value: 'add_member' },
							{ name: 'Member Left (del_member)', value: 'del_member' },
							{ name: 'Owner Changed (change_owner)', value: 'change_owner' },
							{ name: 'Name Changed (change_name)', value: 'change_name' },
							{ name: 'Notice Changed (change_notice)', value: 'change_notice' },
						],
					},
					{
						displayName: 'How Members Joined',
						name: 'joinScenes',
						type: 'multiOptions',
						default: [],
						description:
							'For members joining a customer group (JoinScene of add_member): how they joined',
						options: [
							{ name: 'Invited by a Member (0, 成员邀请)', value: 0 },
							{ name: 'Scanned the Group QR Code (3, 扫描群二维码)', value: 3 },
						],
					},
					{
						displayName: 'Members',
						name: 'memberUserIds',
						type: 'string',
						default: '',
						placeholder: 'zhangsan, lisi',
						description:
							'Comma-separated member UserIDs (成员). Customer contact events must be about ' +
							'one of them (UserID); group member changes must list one of them ' +
							'(MemChangeList).',
					},
					{
						displayName: 'Customer Groups',
						name: 'customerGroups',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Group',
						default: {},
						description:
							'Customer group events (ChatId) of these groups only; other groups’ events start nothing',
						options: [
							{
								displayName: 'Group',
								name: 'group',
								values: [
									groupLocator({
										displayName: 'Customer Group',
										name: 'chatId',
										description: 'A customer group (客户群)',
									}),
								],
							},
						],
					},
					{
						displayName: 'State',
						name: 'state',
						type: 'string',
						default: '',
						placeholder: 'spring-campaign',
						description:
							'The state of the 联系我 / channel QR code (渠道活码) the customer used. Applies to ' +
							'Customer Added and Customer Half-Added; one without a matching State starts ' +
							'nothing.',
					},
					{
						displayName: 'State Match',
						name: 'stateMatch',
						type: 'options',
						default: 'equals',
						description: 'How State is compared (case-sensitive)',
						options: [
							{ name: 'Equals', value: 'equals' },
							{ name: 'Starts With', value: 'startsWith' },
						],
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Drop Re-Deliveries',
						name: 'dropRedeliveries',
						type: 'boolean',
						default: true,
						description:
							'Whether to ignore an event WeCom sends again (same eventKey while the replay ' +
							'window still accepts it, at least 5 minutes, in this n8n process). A re-send ' +
							'after n8n failed to store the first run starts it.',
					},
					{
						displayName: 'Include Raw XML',
						name: 'includeRawXml',
						type: 'boolean',
						default: false,
						description: 'Whether to add the decrypted XML as rawXml, for debugging',
					},
					{
						displayName: 'Only With Welcome Code',
						name: 'onlyWithWelcomeCode',
						type: 'boolean',
						default: false,
						description:
							'Whether to start the workflow only for events that carry a WelcomeCode (欢迎语 ' +
							'code, valid 20 seconds)',
					},
					{
						displayName: 'Replay Window (Seconds)',
						name: 'replayWindow',
						type: 'number',
						default: REPLAY_WINDOW_DEFAULT_S,
						typeOptions: { minValue: REPLAY_WINDOW_MIN_S, maxValue: REPLAY_WINDOW_MAX_S },
						description:
							'Refuse (HTTP 403, no run) a callback whose signed timestamp is further than ' +
							'this from the server clock. WeCom re-sends within seconds; the rest is for ' +
							'clock skew. Replays of old callbacks are refused.',
					},
				],
			},
		],
	};

	/** The group picker of the Customer Groups filter (name · owner shown, chat ID saved). */
	methods = { listSearch: { searchCustomerGroups } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await assertCallbackCredential.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await assertCallbackCredential.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// The URL stays configured in WeCom; callbacks to an inactive workflow get a 404 from n8n.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallbackRequest(this);
	}
}
