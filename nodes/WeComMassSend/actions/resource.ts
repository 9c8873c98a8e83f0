import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { allowAsAiToolOption } from './agentUse';
import type { Operation } from './operation';

export interface ResourceDefinition {
	/** Saved in workflows: never renamed. */
	value: string;
	name: string;
	/** The dropdown's description: WeCom's console term. */
	description: string;
	operations: Operation[];
	/** The operation a new node starts with. */
	defaultOperation: string;
}

export interface Resource extends ResourceDefinition {
	/** The Operation dropdown and every operation's parameters, each shown for its operation only. */
	properties: INodeProperties[];
	operation(value: string): Operation | undefined;
}

export function defineResource(definition: ResourceDefinition): Resource {
	const byValue = new Map(definition.operations.map((operation) => [operation.value, operation]));
	const properties: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [definition.value] } },
			options: [...definition.operations]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map(({ name, value, action, description }) => ({ name, value, action, description })),
			default: definition.defaultOperation,
		},
		...definition.operations.flatMap((operation) =>
			updateDisplayOptions(
				{ show: { resource: [definition.value], operation: [operation.value] } },
				noticesFirst(withAgentOptIn(operation)),
			),
		),
	];
	return { ...definition, properties, operation: (value) => byValue.get(value) };
}

/**
 * An operation's notices (type 'notice') open its panel, in their order, whatever their place in
 * the operation file: users read what an operation really does before they fill anything in.
 */
function noticesFirst(properties: INodeProperties[]): INodeProperties[] {
	const isNotice = (property: INodeProperties) => property.type === 'notice';
	return [...properties.filter(isNotice), ...properties.filter((p) => !isNotice(p))];
}

/** An operation that changes data gets "Allow Use by AI Agents" first in its Options. */
function withAgentOptIn(operation: Operation): INodeProperties[] {
	if (!operation.changesData) return operation.properties;
	const what =
		operation.agentOptIn ?? operation.action.charAt(0).toLowerCase() + operation.action.slice(1);
	const option = allowAsAiToolOption(what);
	const index = operation.properties.findIndex(
		(property) => property.name === 'options' && property.type === 'collection',
	);
	if (index === -1) {
		return [
			...operation.properties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [option],
			},
		];
	}
	return operation.properties.map((property, at) =>
		at === index ? { ...property, options: [option, ...(property.options ?? [])] } : property,
	);
}
