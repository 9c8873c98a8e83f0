import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const groupWelcomeTemplate = {
	operations: { create, update, get, delete: del } satisfies ResourceOperations,
	description: [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['groupWelcomeTemplate'] } },
			options: [
				{
					name: 'Create',
					value: 'create',
					action: 'Create a group welcome template',
					description: 'Add a welcome message for customers joining a group (添加入群欢迎语素材)',
				},
				{
					name: 'Delete',
					value: 'delete',
					action: 'Delete a group welcome template',
					description: 'Delete a template created by this app (删除入群欢迎语素材)',
				},
				{
					name: 'Get',
					value: 'get',
					action: 'Get a group welcome template',
					description: 'Read a template’s text and attachment (获取入群欢迎语素材)',
				},
				{
					name: 'Update',
					value: 'update',
					action: 'Update a group welcome template',
					description: 'Change a template created by this app (编辑入群欢迎语素材)',
				},
			],
			default: 'create',
		},
		...create.description,
		...update.description,
		...get.description,
		...del.description,
	] as INodeProperties[],
};
