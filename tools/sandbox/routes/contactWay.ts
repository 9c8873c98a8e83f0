/**
 * 「联系我」 (add/get/list/update/del_contact_way, close_temp_chat), checked the way WeCom's page
 * (developer.work.weixin.qq.com/document/path/92228) states its rules, plus a control endpoint that
 * plays a customer scanning a contact way: WeCom then sends add_external_contact with the way's
 * State and a WelcomeCode, which is the whole QR-code campaign on one machine.
 */
import { addExternalContactEvent, buildCallback, postCallback } from '../callback/emitter';
import { DEPARTMENTS, type ContactWay } from '../contactWays';
import { MEMBERS } from '../members';
import { fail, ok, post, type RouteContext, type RouteResult, type RouteTable } from '../route';
import type { SandboxState } from '../state';
import {
	attachmentBody,
	isObject,
	optionalInt,
	optionalString,
	requiredString,
	stringArray,
	textContent,
} from '../validate';

/** WeCom: state and remark at most 30 characters; at most 100 members per contact way (departments expanded). */
export const CONTACT_WAY_TEXT_MAX = 30;
export const CONTACT_WAY_MAX_MEMBERS = 100;
/** Temporary sessions: the QR code and the chat each last at most 14 days. */
export const TEMP_MAX_SECONDS = 14 * 86400;
export const LIST_CONTACT_WAY_MAX = 1000;
export const LIST_CONTACT_WAY_DEFAULT = 100;

function knownMember(userid: string): boolean {
	return (MEMBERS as readonly string[]).includes(userid) || /^member\d{4,}$/.test(userid);
}

function shortText(body: Record<string, unknown>, field: string): string | undefined {
	const value = optionalString(body, field);
	if (value !== undefined && [...value].length > CONTACT_WAY_TEXT_MAX)
		fail(40058, `invalid parameter: ${field} exceeds ${CONTACT_WAY_TEXT_MAX} characters`);
	return value;
}

function optionalBool(body: Record<string, unknown>, field: string): boolean | undefined {
	const v = body[field];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'boolean') fail(40058, `invalid parameter: ${field}`);
	return v;
}

function parties(body: Record<string, unknown>): number[] {
	const v = body.party;
	if (v === undefined || v === null) return [];
	if (!Array.isArray(v) || v.some((p) => typeof p !== 'number' || !Number.isInteger(p)))
		fail(40058, 'invalid parameter: party');
	for (const p of v as number[]) if (!DEPARTMENTS.has(p)) fail(60123, `invalid party id: ${p}`);
	return v as number[];
}

function expires(body: Record<string, unknown>, field: string): number | undefined {
	const value = optionalInt(body, field);
	if (value !== undefined && (value <= 0 || value > TEMP_MAX_SECONDS))
		fail(40058, `invalid parameter: ${field} must be 1..${TEMP_MAX_SECONDS}`);
	return value;
}

/** 结束语: text, image, link, miniprogram, each at most once. */
function conclusions(state: SandboxState, v: unknown): Record<string, unknown> | undefined {
	if (v === undefined || v === null) return undefined;
	if (!isObject(v)) fail(40058, 'invalid parameter: conclusions');
	if (v.text !== undefined) textContent(v.text, 4000);
	for (const type of ['image', 'link', 'miniprogram'] as const) {
		if (v[type] !== undefined) attachmentBody(state, type, v[type], `conclusions.${type}`);
	}
	return v;
}

/** The members a way serves: its users and its departments' members, once each. */
function servedMembers(user: string[], party: number[]): Set<string> {
	return new Set([...user, ...party.flatMap((p) => DEPARTMENTS.get(p) ?? [])]);
}

function checkMembers(type: number, user: string[], party: number[], isTemp: boolean): void {
	for (const u of user) if (!knownMember(u)) fail(40003, `invalid userid: ${u}`);
	if (type === 1) {
		if (user.length !== 1)
			fail(40058, 'invalid parameter: user must hold exactly one member for type 1');
		if (party.length > 0) fail(40058, 'invalid parameter: party is for type 2 only');
		return;
	}
	if (isTemp) fail(40058, 'invalid parameter: a temporary session (is_temp) supports type 1 only');
	if (user.length === 0 && party.length === 0) fail(40058, 'user and party cannot both be empty');
	if (servedMembers(user, party).size > CONTACT_WAY_MAX_MEMBERS)
		fail(40058, `invalid parameter: more than ${CONTACT_WAY_MAX_MEMBERS} members`);
}

function addContactWay(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const type = optionalInt(body, 'type') ?? fail(40058, 'type missing');
	const scene = optionalInt(body, 'scene') ?? fail(40058, 'scene missing');
	if (type !== 1 && type !== 2) fail(40058, 'invalid parameter: type');
	if (scene !== 1 && scene !== 2) fail(40058, 'invalid parameter: scene');
	const user = stringArray(body, 'user', 10000);
	const party = parties(body);
	const isTemp = optionalBool(body, 'is_temp') ?? false;
	checkMembers(type, user, party, isTemp);
	const way = state.contactWays.add({
		type,
		scene,
		style: optionalInt(body, 'style'),
		remark: shortText(body, 'remark') ?? '',
		skip_verify: optionalBool(body, 'skip_verify') ?? true,
		state: shortText(body, 'state') ?? '',
		user,
		party,
		is_temp: isTemp,
		expires_in: expires(body, 'expires_in'),
		chat_expires_in: expires(body, 'chat_expires_in'),
		unionid: optionalString(body, 'unionid'),
		is_exclusive: optionalBool(body, 'is_exclusive') ?? false,
		conclusions: conclusions(state, body.conclusions),
	});
	return ok({ config_id: way.config_id, ...(way.qr_code ? { qr_code: way.qr_code } : {}) });
}

function knownWay(state: SandboxState, body: Record<string, unknown>): ContactWay {
	const id = requiredString(body, 'config_id');
	return state.contactWays.ways.get(id) ?? fail(41044, `invalid config_id: ${id}`);
}

function publicWay(way: ContactWay): Record<string, unknown> {
	const { create_time: _created, ...rest } = way;
	return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

function updateContactWay(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const way = knownWay(state, body);
	const user = body.user === undefined ? way.user : stringArray(body, 'user', 10000);
	const party = body.party === undefined ? way.party : parties(body);
	checkMembers(way.type, user, party, way.is_temp);
	const remark = shortText(body, 'remark');
	const wayState = shortText(body, 'state');
	const updated: ContactWay = {
		...way,
		user,
		party,
		...(remark !== undefined ? { remark } : {}),
		...(wayState !== undefined ? { state: wayState } : {}),
		...(optionalBool(body, 'skip_verify') !== undefined
			? { skip_verify: body.skip_verify as boolean }
			: {}),
		...(optionalInt(body, 'style') !== undefined ? { style: optionalInt(body, 'style') } : {}),
		...(expires(body, 'expires_in') !== undefined
			? { expires_in: expires(body, 'expires_in') }
			: {}),
		...(expires(body, 'chat_expires_in') !== undefined
			? { chat_expires_in: expires(body, 'chat_expires_in') }
			: {}),
		...(optionalString(body, 'unionid') !== undefined
			? { unionid: optionalString(body, 'unionid') }
			: {}),
		...(body.conclusions !== undefined
			? { conclusions: conclusions(state, body.conclusions) }
			: {}),
	};
	state.contactWays.ways.set(way.config_id, updated);
	return ok();
}

function listContactWay(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const now = Math.floor(Date.now() / 1000);
	const start = optionalInt(body, 'start_time') ?? now - 90 * 86400;
	const end = optionalInt(body, 'end_time') ?? now;
	const limit = optionalInt(body, 'limit') ?? LIST_CONTACT_WAY_DEFAULT;
	if (limit < 1 || limit > LIST_CONTACT_WAY_MAX)
		fail(40058, `invalid parameter: limit must be 1..${LIST_CONTACT_WAY_MAX}`);
	const cursor = optionalString(body, 'cursor');
	const offset = cursor
		? Number(
				/^c(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())?.[1] ??
					fail(40058, 'invalid parameter: cursor'),
			)
		: 0;
	// Temporary-session ways are not listed (they do not count against the corp's contact ways).
	const all = [...state.contactWays.ways.values()].filter(
		(w) => !w.is_temp && w.create_time >= start && w.create_time <= end,
	);
	const page = all.slice(offset, offset + limit);
	const next = offset + page.length;
	return ok({
		contact_way: page.map((w) => ({ config_id: w.config_id })),
		...(next < all.length ? { next_cursor: Buffer.from(`c${next}`).toString('base64url') } : {}),
	});
}

function closeTempChat(state: SandboxState, body: Record<string, unknown>): RouteResult {
	const userid = requiredString(body, 'userid');
	const externalUserId = requiredString(body, 'external_userid');
	if (!knownMember(userid)) fail(40003, `invalid userid: ${userid}`);
	const customer =
		state.contacts.customers.get(externalUserId) ?? fail(40096, 'invalid external userid');
	if (!customer.followers.has(userid))
		fail(84061, 'not external contact: this member has not added the customer');
	return ok();
}

/**
 * POST /__sandbox/scan-contact-way {configId, url, externalUserId?}: a new customer adds the way's
 * member, and the callback WeCom would send (State, WelcomeCode) goes to `url`.
 */
async function scan({ state, sandbox, body }: RouteContext): Promise<RouteResult> {
	const configId = typeof body.configId === 'string' ? body.configId : '';
	const url = typeof body.url === 'string' ? body.url : '';
	if (!url) throw new Error('url is required');
	const way = state.contactWays.ways.get(configId);
	if (!way) throw new Error(`no contact way ${configId}`);
	const members = [...servedMembers(way.user, way.party)];
	const userId = members[state.contactWays.scans % members.length];
	state.contactWays.scans++;
	const externalUserId =
		typeof body.externalUserId === 'string' && body.externalUserId
			? body.externalUserId
			: `wmSandboxScan${String(state.contactWays.scans).padStart(17, '0')}`;
	const known = state.contacts.customers.get(externalUserId);
	const follow = {
		remark: '',
		description: '',
		createtime: Math.floor(Date.now() / 1000),
		add_way: 1,
		oper_userid: userId,
		tagIds: new Set<string>(),
	};
	if (known) known.followers.set(userId, follow);
	else
		state.contacts.customers.set(externalUserId, {
			contact: {
				external_userid: externalUserId,
				name: `扫码客户${state.contactWays.scans}`,
				type: 1,
				gender: 0,
				avatar: '',
			},
			followers: new Map([[userId, follow]]),
		});
	const event = addExternalContactEvent(state, { userId, externalUserId, state: way.state });
	const delivered = await postCallback(url, buildCallback(sandbox.config, event));
	return { json: { ...delivered, event } };
}

export const contactWayRoutes: RouteTable = {
	'/cgi-bin/externalcontact/add_contact_way': post(({ state, body }) => addContactWay(state, body)),
	'/cgi-bin/externalcontact/get_contact_way': post(({ state, body }) =>
		ok({ contact_way: publicWay(knownWay(state, body)) }),
	),
	'/cgi-bin/externalcontact/list_contact_way': post(({ state, body }) =>
		listContactWay(state, body),
	),
	'/cgi-bin/externalcontact/update_contact_way': post(({ state, body }) =>
		updateContactWay(state, body),
	),
	'/cgi-bin/externalcontact/del_contact_way': post(({ state, body }) => {
		state.contactWays.ways.delete(knownWay(state, body).config_id);
		return ok();
	}),
	'/cgi-bin/externalcontact/close_temp_chat': post(({ state, body }) => closeTempChat(state, body)),
	'/__sandbox/scan-contact-way': { method: 'POST', auth: false, body: 'json', handle: scan },
};
