import type { INodeProperties } from 'n8n-workflow';

/**
 * The Start Time / End Time pair of the statistics operations: WeCom counts whole China-time days,
 * so both fields read as days. `hint` says how the operation reads a longer range.
 */
export function dayRangeFields(hint: string): INodeProperties[] {
	return [
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			required: true,
			default: '',
			description:
				'The first day counted (China time; the time of day is ignored); WeCom keeps 180 days',
		},
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'The last day counted (China time; the time of day is ignored)',
			hint,
		},
	];
}
