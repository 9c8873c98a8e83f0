import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { obtainAccessToken, tokenIdentityOf, tokenSourceOf } from '../nodes/shared/transport/token';

export class WeComApi implements ICredentialType {
	name = 'weComApi';

	displayName = 'WeCom API';

	icon = { light: 'file:wecom.svg', dark: 'file:wecom.dark.svg' } as const;

	documentationUrl = 'https://developer.work.weixin.qq.com/document/path/91039';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Valid Until',
			name: 'validUntil',
			type: 'hidden',
			default: 0,
		},
		{
			// A digest of Base URL, Corp ID and Secret the token was issued for (never the secret).
			// n8n keeps hidden fields when the credential is edited; this tells the old token apart.
			// Redacted like the token: a digest of the secret is nothing the editor needs to see.
			displayName: 'Token Issued For',
			name: 'tokenIssuedFor',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Corp ID',
			name: 'corpId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ww0123456789abcdef',
			description: 'Your company ID (企业ID), shown in the admin console under 我的企业 → 企业信息',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The 客户联系 secret (客户联系 → API → Secret), or the secret of a self-built app that is ' +
				'listed under 客户联系 → API → 可调用应用',
		},
		{
			displayName: 'Callback Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The Token of 客户联系 → API → 接收事件服务器. Needed only by the WeCom Trigger to verify callbacks.',
		},
		{
			displayName: 'Encoding AES Key',
			name: 'encodingAESKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The 43-character EncodingAESKey of 客户联系 → API → 接收事件服务器. Needed only by the WeCom ' +
				'Trigger to decrypt callbacks.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://qyapi.weixin.qq.com',
			description:
				'Change only for a reverse proxy, a private deployment or a test sandbox. The Secret ' +
				'and the access tokens are sent here: a host other than qyapi.weixin.qq.com (or this ' +
				'machine) is used only with the setting below.',
		},
		{
			// Whoever may edit the Base URL but not read the Secret must not be able to send it elsewhere.
			displayName: 'Trust This Base URL With the Secret',
			name: 'trustBaseUrl',
			type: 'boolean',
			default: false,
			description:
				'Whether the Secret and the access tokens may be sent to a Base URL other than ' +
				'WeCom’s own (https://qyapi.weixin.qq.com). Turn on only for a host you run: a ' +
				'private WeCom deployment, a reverse proxy or a sandbox. Whoever runs that host ' +
				'receives the Secret. Plain http:// stays limited to 127.0.0.1 / ::1 / localhost.',
		},
	];

	/**
	 * n8n runs this when the stored token is empty (the credential test, and the transport's
	 * one-off write of a token it obtained); the token comes from the process cache, so this is
	 * not a second gettoken.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const source = tokenSourceOf(credentials as IDataObject);
		const token = await obtainAccessToken(
			async (options) => await this.helpers.httpRequest(options),
			source,
		);
		return {
			accessToken: token.accessToken,
			validUntil: token.expiresAt,
			tokenIssuedFor: tokenIdentityOf(source),
		};
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: { access_token: '={{$credentials.accessToken}}' },
		},
	};

	// n8n runs preAuthentication before this request, so a wrong secret already fails there with
	// WeCom's own message; the request then proves the token may call 客户联系 APIs at all.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : ' +
				'"https://qyapi.weixin.qq.com"}}',
			url: '/cgi-bin/externalcontact/get_follow_user_list',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 48002,
					message:
						'The secret works but may not call 客户联系 APIs [48002]: add the app to 客户联系 → API ' +
						'→ 可调用应用, or use the 客户联系 secret.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 60020,
					message:
						'The secret works but this server’s IP is not trusted [60020]: add it to the app’s 企业可信IP.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40014,
					message: 'WeCom rejected the access token [40014]: check the Corp ID and Secret.',
				},
			},
		],
	};
}
