import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../types';

export const media = {
	operations: {} satisfies ResourceOperations,
	description: [] as INodeProperties[],
};
