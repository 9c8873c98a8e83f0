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

import { ALL_EVENTS, callbackSecretsFrom, handleCallbackRequest } from './callback/handler';

/**
 * WeCom has no API to register the callback URL: it is entered by hand in the admin console. So
 * the lifecycle has nothing to create remotely; it checks the credential instead, so a missing
 * Token or a bad EncodingAESKey fails at activation (or "Listen for test event") with a clear
 * message instead of as rejected callbacks later.
 */
async function assertCallbackCredential(this: IHookFunctions): Promise<boolean> {
	const credentials = (await this.getCredentials('weComApi')) as IDataObject;
	try {
		callbackSecretsFrom(credentials);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			description:
				'Fill Corp ID, Callback Token and Encoding AES Key in the WeCom API credential with the values of 客户联系 → API → 接收事件服务器.',
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
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when WeCom (企业微信) reports a customer contact event, such as a new external contact',
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
				path: CALLBACK_PATH,
			},
		],
		properties: [
			{
				displayName:
					'In the WeCom admin console open 客户联系 → API → 接收事件服务器 (Receive Event Server) and set: URL = this trigger’s Production URL (activate the workflow first), Token = the credential’s Callback Token, EncodingAESKey = the credential’s Encoding AES Key. WeCom checks the URL when you save. A WelcomeCode is valid for 20 seconds only: send the welcome message right after this trigger.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['add_external_contact'],
				description: 'Which customer contact changes (ChangeType of change_external_contact) start the workflow',
				options: [
					{
						name: 'All Events',
						value: ALL_EVENTS,
						description: 'Every callback, including events other than customer contact changes',
					},
					{
						name: 'Customer Added',
						value: 'add_external_contact',
						description: 'A member added a customer (添加企业客户); may carry a WelcomeCode',
					},
					{
						name: 'Customer Deleted by Member',
						value: 'del_external_contact',
						description: 'A member deleted a customer (删除企业客户)',
					},
					{
						name: 'Customer Edited',
						value: 'edit_external_contact',
						description: 'A member edited a customer’s remark or tags (编辑企业客户)',
					},
					{
						name: 'Customer Half-Added',
						value: 'add_half_external_contact',
						description: 'A customer added a member who has not accepted yet (外部联系人免验证添加成员); may carry a WelcomeCode',
					},
					{
						name: 'Member Deleted by Customer',
						value: 'del_follow_user',
						description: 'A customer deleted a member (删除跟进成员)',
					},
					{
						name: 'Transfer Failed',
						value: 'transfer_fail',
						description: 'Handing a customer over to another member failed (客户接替失败)',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Drop Re-Deliveries',
						name: 'dropRedeliveries',
						type: 'boolean',
						default: true,
						description:
							'Whether to ignore an event WeCom sends again (same ChangeType, UserID, ExternalUserID and CreateTime within 5 minutes)',
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
							'Whether to start the workflow only for events that carry a WelcomeCode (欢迎语 code, valid 20 seconds)',
					},
				],
			},
		],
	};

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
