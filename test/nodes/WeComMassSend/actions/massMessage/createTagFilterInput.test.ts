/**
 * Mass Message → Create: Tag Filter Input, the fields/JSON switch of the tag filter. Using JSON
 * sends the same request as the fields and is checked before any request; the default, Fields
 * Below or JSON, is what workflows saved before the switch do (either field, not both).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WeComMassSend } from '../../../../../nodes/WeComMassSend/WeComMassSend.node';
import { runMassSend } from '../../../../helpers/engine';
import { bodyOf, useSandbox } from '../../../../helpers/sandbox';

const sandbox = useSandbox();
const create = (extra: IDataObject) => ({
	resource: 'massMessage',
	operation: 'create',
	chatType: 'single',
	sender: 'zhangsan',
	text: 'hi',
	...extra,
});
const FIELDS = { tagFilter: { groups: [{ tagIds: 'etVip, etGold' }, { tagIds: 'etShanghai' }] } };
const JSON_FILTER =
	'{"group_list": [{"tag_list": ["etVip", "etGold"]}, {"tag_list": ["etShanghai"]}]}';
const OTHER_JSON = '{"group_list": [{"tag_list": ["etC"]}]}';

async function sentBody(parameters: IDataObject) {
	const result = await runMassSend(create(parameters));
	expect(result.error).toBeUndefined();
	const calls = sandbox().callsTo('add_msg_template');
	expect(calls).toHaveLength(1);
	sandbox().resetCalls();
	return bodyOf(calls[0]);
}

test('Using JSON sends exactly the request Using Fields Below sends', async () => {
	const fromFields = await sentBody({ tagFilterSource: 'ui', ...FIELDS });
	const fromJson = await sentBody({ tagFilterSource: 'json', tagFilterJson: JSON_FILTER });
	expect(fromJson).toEqual(fromFields);
	expect(fromJson.tag_filter).toEqual({
		group_list: [{ tag_list: ['etVip', 'etGold'] }, { tag_list: ['etShanghai'] }],
	});
});

test('each mode sends only its own field, even when the other still holds a value', async () => {
	const both = { ...FIELDS, tagFilterJson: OTHER_JSON };
	const json = await sentBody({ tagFilterSource: 'json', ...both });
	expect(json.tag_filter).toEqual({ group_list: [{ tag_list: ['etC'] }] });
	const fields = await sentBody({ tagFilterSource: 'ui', ...both });
	expect(fields.tag_filter.group_list).toHaveLength(2);
});

test('an empty JSON filter sends no tag_filter', async () => {
	const body = await sentBody({ tagFilterSource: 'json', tagFilterJson: '{"group_list": []}' });
	expect(body.tag_filter).toBeUndefined();
});

test.each([
	['invalid JSON', '{"group_list": [', /^"Tag Filter \(JSON\)" is not valid JSON/],
	['a tag that is not a string', '{"group_list":[{"tag_list":[1]}]}', /tag_list/],
	['not a group list', '{"group_list": 3}', /must be \{"group_list"/],
])('%s is refused before any request, naming Tag Filter (JSON)', async (_case, json, message) => {
	const result = await runMassSend(create({ tagFilterSource: 'json', tagFilterJson: json }));
	expect(result.error).toBeDefined();
	expect(result.error!.name).toBe('NodeOperationError');
	expect(result.error!.message).toMatch(message);
	expect(result.error!.context).toMatchObject({ itemIndex: 0, field: 'tagFilterJson' });
	expect(sandbox().calls).toHaveLength(0);
});

test('a bad JSON in the second item names item 1, whose request is never sent', async () => {
	const result = await runMassSend(
		create({ tagFilterSource: 'json', tagFilterJson: '={{ $json.filter }}' }),
		[{ filter: JSON_FILTER }, { filter: '{nope' }],
	);
	expect(result.error!.context).toMatchObject({ itemIndex: 1, field: 'tagFilterJson' });
	// Item 0 was sent before item 1 was read; item 1 was refused before its request.
	expect(sandbox().callsTo('add_msg_template')).toHaveLength(1);
});

describe('saved before the switch (no Tag Filter Input: the default, Fields Below or JSON)', () => {
	test('the JSON alone is sent', async () => {
		expect((await sentBody({ tagFilterJson: JSON_FILTER })).tag_filter.group_list).toHaveLength(2);
	});

	test('the fields alone are sent', async () => {
		expect((await sentBody(FIELDS)).tag_filter.group_list).toHaveLength(2);
	});

	test('both are refused before any request, pointing to the switch', async () => {
		const result = await runMassSend(create({ ...FIELDS, tagFilterJson: OTHER_JSON }));
		expect(result.error!.context).toMatchObject({ itemIndex: 0, field: 'tagFilterJson' });
		expect(result.error!.description).toMatch(/Tag Filter Input/);
		expect(sandbox().calls).toHaveLength(0);
	});
});

describe('what is shown (n8n’s own display rules)', () => {
	const description = new WeComMassSend().description;
	const NAMES = ['tagFilterSource', 'tagFilter', 'tagFilterJson'];
	/** When n8n runs the node or saves it: hidden parameters are dropped. */
	const kept = (saved: INodeParameters) => {
		const values = { resource: 'massMessage', operation: 'create', ...saved };
		const parameters = NodeHelpers.getNodeParameters(
			description.properties,
			values,
			true,
			false,
			null,
			description,
		)!;
		return NAMES.filter((name) => name in parameters);
	};
	/** What the editor draws, from the node's parameters (the switch holds its value). */
	const drawn = (saved: INodeParameters) => {
		const values = { resource: 'massMessage', operation: 'create', ...saved };
		return description.properties
			.filter((p) => NAMES.includes(p.name))
			.filter((p) => NodeHelpers.displayParameter(values, p, null, description))
			.map((p) => p.name);
	};

	test.each([
		['a new node or one saved before the switch', {}, NAMES],
		['a saved JSON', { tagFilterJson: JSON_FILTER }, NAMES],
		['Using Fields Below', { tagFilterSource: 'ui' }, ['tagFilterSource', 'tagFilter']],
		['Using JSON', { tagFilterSource: 'json' }, ['tagFilterSource', 'tagFilterJson']],
		['customer groups', { chatType: 'group', tagFilterJson: JSON_FILTER }, []],
	])('%s', (_case, saved: INodeParameters, expected) => {
		expect(kept(saved)).toEqual(expected);
		const withSwitch = expected.length ? { tagFilterSource: 'either', ...saved } : saved;
		expect(drawn({ chatType: 'single', ...withSwitch })).toEqual(expected);
	});
});
