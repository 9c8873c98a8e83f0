/**
 * Both nodes read as one product: a parameter carries the same label wherever it appears, the
 * collections use n8n's own "Add …" wording, binary inputs n8n's "Input Binary Field", and each
 * operation's notices open its panel.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { WeComMassSend } from '../../nodes/WeComMassSend/WeComMassSend.node';
import { WeComTrigger } from '../../nodes/WeComTrigger/WeComTrigger.node';

const NODES: INodeTypeDescription[] = [
	new WeComMassSend().description,
	new WeComTrigger().description,
];

/** The label names the field it switches: "Attachments Input" for many, "Attachment Input" for one. */
const LABEL_FOLLOWS_FIELD = new Set(['attachmentSource']);

interface Found {
	property: INodeProperties;
	where: string;
}

function walk(properties: INodeProperties[], where: string, out: Found[] = []): Found[] {
	for (const property of properties) {
		const show = property.displayOptions?.show;
		const at = show?.operation ? `${String(show.resource)}/${String(show.operation)}` : where;
		out.push({ property, where: at });
		for (const option of (property.options ?? []) as Array<Partial<INodeProperties>>) {
			if ('values' in option && Array.isArray(option.values))
				walk(option.values as INodeProperties[], at, out);
			else if (option.displayName !== undefined && option.type !== undefined)
				walk([option as INodeProperties], at, out);
		}
	}
	return out;
}

const ALL = NODES.flatMap((node) => walk(node.properties, node.name));

test('a parameter has one label wherever it appears', () => {
	const labels = new Map<string, Set<string>>();
	for (const { property } of ALL) {
		if (property.type === 'notice' || LABEL_FOLLOWS_FIELD.has(property.name)) continue;
		labels.set(property.name, (labels.get(property.name) ?? new Set()).add(property.displayName));
	}
	const differing = [...labels].filter(([, set]) => set.size > 1).map(([n, s]) => [n, [...s]]);
	expect(differing).toEqual([]);
});

test('collections use n8n’s wording: Add Option, Add Filter, Add Field', () => {
	const expected: Record<string, string> = {
		options: 'Add Option',
		filters: 'Add Filter',
		updateFields: 'Add Field',
	};
	const wrong = ALL.filter(
		({ property }) =>
			property.type === 'collection' &&
			expected[property.name] !== undefined &&
			property.placeholder !== expected[property.name],
	).map(({ property, where }) => `${where} ${property.name}: ${property.placeholder}`);
	expect(wrong).toEqual([]);
});

test('binary inputs use n8n’s “Input Binary Field”', () => {
	const binary = ALL.filter(({ property }) => /^binaryPropert/.test(property.name));
	expect(binary.length).toBeGreaterThan(0);
	for (const { property } of binary)
		expect(property.displayName).toMatch(/^Input Binary Field(\(s\))?$/);
});

test('notices come first in every operation and in the trigger', () => {
	for (const node of NODES) {
		const panels = new Map<string, INodeProperties[]>();
		for (const property of node.properties) {
			const show = property.displayOptions?.show;
			const panel = show?.operation ? `${String(show.resource)}/${String(show.operation)}` : '';
			if (property.name === 'operation' || property.name === 'resource') continue;
			panels.set(panel, [...(panels.get(panel) ?? []), property]);
		}
		for (const [panel, properties] of panels) {
			const types = properties.map((p) => p.type);
			const firstOther = types.findIndex((type) => type !== 'notice');
			const lastNotice = types.lastIndexOf('notice');
			expect({ panel, noticeAfterFields: firstOther !== -1 && lastNotice > firstOther }).toEqual({
				panel,
				noticeAfterFields: false,
			});
		}
	}
});

test('the trigger opens with which URL to give WeCom, and where', () => {
	const [first, second] = new WeComTrigger().description.properties;
	expect(first.type).toBe('notice');
	expect(first.displayName).toMatch(/Production URL/);
	expect(first.displayName).toContain('客户联系 → API → 接收事件服务器');
	expect(first.displayName).toMatch(/Event and ChangeType/);
	expect(second.type).toBe('notice');
	expect(second.displayName).toMatch(/欢迎语/);
});
