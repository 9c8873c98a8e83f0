import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WeComApi } from '../../../shared/transport/api';
import { collectPages } from '../../../shared/transport/paginate';
import { weComApiRequest } from '../../../shared/transport/request';
import {
	checkApiPath,
	checkJsonBody,
	checkQueryParameters,
	isPureRead,
	type QueryParameter,
} from '../../validation/apiCall';
import { refuseAgentChange } from '../agentUse';
import { invalidField } from '../common/fields';
import { readLimit } from '../common/paging.description';
import { defineOperation, USER_NAMED_API } from '../operation';
import type { OperationResult } from '../types';
import { cursorPages } from './cursorPages';

const paginated = { cursorPagination: [true] };

const properties: INodeProperties[] = [
	{
		displayName:
			'Calls any WeCom API with this credential: the access token is added, renewed when ' +
			'WeCom reports it expired (42001, which n8n’s HTTP Request node does not catch) and ' +
			'never shown. Output: WeCom’s answer without errcode and errmsg; errcode ≠ 0 fails the ' +
			'node.',
		name: 'apiCallNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
		],
		default: 'GET',
		description:
			'As the WeCom API document says. A GET that only reads is repeated after a lost answer; ' +
			'a POST, or a GET that changes data (e.g. user/delete), only when it never left n8n.',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/cgi-bin/externalcontact/get',
		description: 'The API path from WeCom’s documentation, under /cgi-bin/',
		hint: 'Without https://qyapi.weixin.qq.com and without ?access_token=: the credential supplies both',
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		options: [
			{
				name: 'parameters',
				displayName: 'Parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'external_userid',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { method: ['POST'] } },
		description: 'The request body as WeCom’s document shows it, e.g. {"tag_id": []}',
	},
	{
		displayName: 'Cursor Pagination',
		name: 'cursorPagination',
		type: 'boolean',
		default: false,
		description:
			'Whether to follow WeCom’s cursor from page to page (分页) and return one item per entry ' +
			'of the list in the answer',
	},
	{
		displayName: 'List Field',
		name: 'listField',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'follow_user',
		displayOptions: { show: paginated },
		description:
			'The field of WeCom’s answer that holds the entries, e.g. follow_user, ' +
			'external_contact_list, group_msg_list',
	},
	{
		displayName: 'Cursor Field',
		name: 'cursorField',
		type: 'string',
		default: 'cursor',
		displayOptions: { show: paginated },
		description:
			'The request field that carries the cursor: a query parameter for GET, a body field for ' +
			'POST',
	},
	{
		displayName: 'Next Cursor Field',
		name: 'nextCursorField',
		type: 'string',
		default: 'next_cursor',
		displayOptions: { show: paginated },
		description:
			'The field of WeCom’s answer with the cursor of the next page; empty or missing on the ' +
			'last page',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		displayOptions: { show: paginated },
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { ...paginated, returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

interface CallRequest {
	api: WeComApi;
	qs: Record<string, string>;
	body?: Record<string, unknown>;
}

export const operation = defineOperation({
	value: 'call',
	name: 'Call',
	action: 'Call a WeCom API',
	description:
		'Call any WeCom API under /cgi-bin/ with this credential’s access token (调用任意企业微信接口)',
	calls: USER_NAMED_API,
	agentOptIn:
		'make calls that may change data in WeCom: POST, and GETs such as user/delete (reading ' +
		'GETs work without it)',
	properties,
	execute,
});

async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationResult> {
	const request = readRequest.call(this, itemIndex);
	const send = async (cursorField?: string, cursor?: string): Promise<IDataObject> => {
		const qs = { ...request.qs };
		const body = request.body ? { ...request.body } : undefined;
		if (cursorField && cursor !== undefined) {
			if (body) body[cursorField] = cursor;
			else qs[cursorField] = cursor;
		}
		const {
			errcode: _errcode,
			errmsg: _errmsg,
			...answer
		} = await weComApiRequest.call(this, {
			api: request.api,
			qs: Object.keys(qs).length > 0 ? qs : undefined,
			body: body as IDataObject | undefined,
			itemIndex,
		});
		return answer;
	};

	if (this.getNodeParameter('cursorPagination', itemIndex, false) !== true) return [await send()];

	const fields = {
		list: String(this.getNodeParameter('listField', itemIndex, '') ?? '').trim(),
		cursor: String(this.getNodeParameter('cursorField', itemIndex, 'cursor') ?? '').trim(),
		nextCursor: String(
			this.getNodeParameter('nextCursorField', itemIndex, 'next_cursor') ?? '',
		).trim(),
	};
	if (!fields.list)
		throw invalidField(
			this,
			itemIndex,
			'listField',
			'"List Field" is required with Cursor Pagination, e.g. follow_user',
		);
	if (!fields.cursor)
		throw invalidField(
			this,
			itemIndex,
			'cursorField',
			'"Cursor Field" is required with Cursor Pagination, e.g. cursor',
		);
	if (!fields.nextCursor) {
		throw invalidField(
			this,
			itemIndex,
			'nextCursorField',
			'"Next Cursor Field" is required with Cursor Pagination, e.g. next_cursor',
		);
	}
	const limit = readLimit((name) => this.getNodeParameter(name, itemIndex, undefined));
	const refuse = (message: string) =>
		invalidField(this, itemIndex, 'listField', `${request.api.name}: ${message}`);
	// The page size is whatever the body asks for (WeCom's `limit`): the node does not know each API's maximum.
	return await collectPages(
		cursorPages((cursor) => send(fields.cursor, cursor), fields, refuse),
		{
			maxPageSize: Number.MAX_SAFE_INTEGER,
			limit,
		},
	);
}

/** Everything is checked before the first request, so a typo never reaches WeCom. */
function readRequest(this: IExecuteFunctions, itemIndex: number): CallRequest {
	const method = String(this.getNodeParameter('method', itemIndex, 'GET'));
	if (method !== 'GET' && method !== 'POST')
		throw invalidField(this, itemIndex, 'method', '"Method" must be GET or POST');
	const path = checkApiPath(this.getNodeParameter('path', itemIndex, ''));
	if (!path.ok) throw invalidField(this, itemIndex, 'path', `"Path" ${path.reason}`);
	const pureRead = isPureRead(method, path.value);
	// As an AI tool a model could call any WeCom API: one that may change data needs the opt-in.
	if (!pureRead)
		refuseAgentChange.call(
			this,
			itemIndex,
			'An API Call that may change WeCom data (a POST, or a GET such as user/delete)',
		);

	const entries = (this.getNodeParameter('queryParameters.parameters', itemIndex, []) ??
		[]) as QueryParameter[];
	const qs = checkQueryParameters(Array.isArray(entries) ? entries : []);
	if (!qs.ok)
		throw invalidField(this, itemIndex, 'queryParameters', `"Query Parameters": ${qs.reason}`);

	let body: Record<string, unknown> | undefined;
	if (method === 'POST') {
		const checked = checkJsonBody(this.getNodeParameter('jsonBody', itemIndex, '{}'));
		if (!checked.ok)
			throw invalidField(this, itemIndex, 'jsonBody', `"JSON Body" ${checked.reason}`);
		body = checked.value;
	}
	// A read can be asked twice; a POST (or a GET such as user/delete) may change WeCom data, so a
	// lost answer is never resent.
	const api: WeComApi = {
		name: path.value.slice('/cgi-bin/'.length),
		method,
		path: path.value,
		changesData: !pureRead,
	};
	return { api, qs: qs.value, body };
}
