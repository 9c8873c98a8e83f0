/**
 * get_moment_task_result: add_moment_task only answers a jobid, and WeCom builds the moment in the
 * background. A bounded poll; the bound and the interval are parameters so tests need not wait.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { wecomApi } from '../../../shared/transport/api';
import { weComApiRequest } from '../../../shared/transport/request';

// A read: polling a job changes nothing, so a lost answer is simply asked again.
export const GET_TASK_RESULT = wecomApi('GET', 'externalcontact/get_moment_task_result', {
	changesData: false,
});

/** status 3 = 创建任务已完成; 1 开始创建, 2 正在创建. */
const DONE = 3;

export interface JobPoll {
	maxPolls: number;
	intervalMs: number;
}

export type JobOutcome =
	| { done: true; status: number; result: IDataObject }
	| { done: false; status: number; polls: number };

export async function waitForMomentJob(
	this: IExecuteFunctions,
	itemIndex: number,
	jobid: string,
	poll: JobPoll,
): Promise<JobOutcome> {
	let status = 0;
	for (let polls = 1; polls <= poll.maxPolls; polls++) {
		if (polls > 1 && poll.intervalMs > 0) await sleep(poll.intervalMs);
		const response = await weComApiRequest.call(this, {
			api: GET_TASK_RESULT,
			qs: { jobid },
			itemIndex,
		});
		status = Number(response.status);
		if (status === DONE)
			return { done: true, status, result: (response.result as IDataObject | undefined) ?? {} };
	}
	return { done: false, status, polls: poll.maxPolls };
}
