/**
 * What follows from an operation's declaration, checked over the whole registry: the node's
 * dropdowns, the "Allow Use by AI Agents" option on exactly the operations that change data, the
 * transport's retry rule for every API they declare, and the API reference in docs/wecom-apis.md.
 * (Every engine test run also checks that an operation calls only the APIs it declares.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';

import type { WeComApi } from '../../../../nodes/shared/transport/api';
import type { AttemptOutcome } from '../../../../nodes/shared/transport/attempt';
import { nextStep } from '../../../../nodes/shared/transport/retryDecision';
import { USER_NAMED_API, type Operation } from '../../../../nodes/WeComMassSend/actions/operation';
import { RESOURCES } from '../../../../nodes/WeComMassSend/actions/resources';
import { LIST_FOLLOW_USERS } from '../../../../nodes/WeComMassSend/methods/listSearch';
import { LIST_MEMBER_NAMES } from '../../../../nodes/WeComMassSend/methods/memberNames';
import { WeComMassSend } from '../../../../nodes/WeComMassSend/WeComMassSend.node';

const { properties } = new WeComMassSend().description;
const OPERATIONS = RESOURCES.flatMap((resource) =>
	resource.operations.map((operation) => ({ resource: resource.value, operation })),
);
const DECLARED_APIS: WeComApi[] = [
	...new Map(
		[
			...OPERATIONS.flatMap(({ operation }) =>
				operation.calls === USER_NAMED_API ? [] : operation.calls,
			),
			LIST_FOLLOW_USERS,
			LIST_MEMBER_NAMES,
		].map((api) => [api.path, api]),
	).values(),
];

const shownFor = (property: INodeProperties, resource: string, operation: Operation) =>
	property.displayOptions?.show?.resource?.includes(resource) === true &&
	property.displayOptions?.show?.operation?.includes(operation.value) === true;

function agentOptIn(resource: string, operation: Operation): INodeProperties | undefined {
	const options = properties.filter(
		(property) => property.name === 'options' && shownFor(property, resource, operation),
	);
	return options
		.flatMap((property) => (property.options ?? []) as INodeProperties[])
		.find((option) => option.name === 'allowAsAiTool');
}

test('the node shows each resource once and each operation in its resource’s dropdown', () => {
	const resourceDropdown = properties.find((property) => property.name === 'resource');
	expect(resourceDropdown?.options?.map((option) => (option as { value: string }).value)).toEqual(
		RESOURCES.map((r) => r.value),
	);
	for (const resource of RESOURCES) {
		const dropdown = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource.value,
		);
		const values = dropdown?.options?.map((option) => (option as { value: string }).value).sort();
		expect(values).toEqual(resource.operations.map((operation) => operation.value).sort());
		expect(values).toContain(dropdown?.default);
	}
});

test.each(
	OPERATIONS.map(
		({ resource, operation }) => [`${resource} → ${operation.value}`, resource, operation] as const,
	),
)('%s: "Allow Use by AI Agents" exactly when it changes data', (_name, resource, operation) => {
	const expected =
		operation.calls === USER_NAMED_API || operation.calls.some((api) => api.changesData);
	expect(operation.changesData).toBe(expected);
	const option = agentOptIn(resource, operation);
	if (expected) expect(option).toMatchObject({ type: 'boolean', default: false });
	else expect(option).toBeUndefined();
});

const LOST: AttemptOutcome = {
	answered: false,
	failure: { code: 'ECONNRESET', neverSent: false, transient: true },
};
const BUSY: AttemptOutcome = { answered: true, response: { errcode: -1, errmsg: 'system busy' } };
const NEVER_SENT: AttemptOutcome = {
	answered: false,
	failure: { code: 'ECONNREFUSED', neverSent: true, transient: true },
};

test.each(DECLARED_APIS.map((api) => [api.name, api] as const))(
	'%s: repeated after a lost answer or "busy" only if it does not change data',
	(_name, api) => {
		const step = (outcome: AttemptOutcome) =>
			nextStep({ changesData: api.changesData, outcome, repeats: 0, tokenRefreshed: false });
		expect(step(LOST)).toBe(api.changesData ? 'fail' : 'repeat');
		expect(step(BUSY)).toBe(api.changesData ? 'fail' : 'repeat');
		expect(step(NEVER_SENT)).toBe('repeat');
	},
);

test.each(DECLARED_APIS.map((api) => [api.name, api] as const))(
	'%s is in docs/wecom-apis.md with its method',
	(_name, api) => {
		const reference = readFileSync(
			join(__dirname, '..', '..', '..', '..', 'docs', 'wecom-apis.md'),
			'utf8',
		);
		const rows = reference.split('\n').filter((line) => line.includes(api.path));
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.some((line) => line.includes(api.method))).toBe(true);
	},
);
