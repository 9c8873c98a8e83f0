import type { INodeProperties } from 'n8n-workflow';

/** n8n's usual Return All / Limit pair; the operation's displayOptions are added by its file. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/** Undefined means Return All, as `pages()` expects. */
export function readLimit(getParameter: (name: string) => unknown): number | undefined {
	if (getParameter('returnAll') === true) return undefined;
	const limit = Math.floor(Number(getParameter('limit')));
	return Number.isFinite(limit) && limit > 0 ? limit : 50;
}
