/**
 * Counts for Get Report's summary: fed page by page, so a message with hundreds of thousands of
 * results never sits in memory at once.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	SEND_RESULT_LABELS,
	memberTaskStatusLabel,
	sendResultStatusLabel,
} from '../../validation/statusLabels';

type Counts = Record<string, number>;

interface MemberEntry {
	userid: string;
	task?: { status: unknown; send_time: unknown };
	counts: Counts;
	total: number;
}

function emptyCounts(): Counts {
	return Object.fromEntries(SEND_RESULT_LABELS.map((label) => [label, 0]));
}

export class ReportSummary {
	private readonly members = new Map<string, MemberEntry>();
	private readonly byStatus = emptyCounts();
	private total = 0;

	constructor(
		private readonly msgid: string,
		/** Where the member list came from: get_groupmsg_task, or the user's Members. */
		private readonly memberSource: 'memberTasks' | 'memberUserIds',
	) {}

	addMember(userid: string, task?: IDataObject): void {
		if (!this.members.has(userid)) {
			this.members.set(userid, {
				userid,
				task: task ? { status: task.status, send_time: task.send_time ?? 0 } : undefined,
				counts: emptyCounts(),
				total: 0,
			});
		}
	}

	addResults(userid: string, results: IDataObject[]): void {
		this.addMember(userid);
		const member = this.members.get(userid)!;
		for (const result of results) {
			const label = sendResultStatusLabel(result.status);
			this.byStatus[label] = (this.byStatus[label] ?? 0) + 1;
			member.counts[label] = (member.counts[label] ?? 0) + 1;
			member.total++;
			this.total++;
		}
	}

	toJson(): IDataObject {
		const byMember = [...this.members.values()].map((member) => ({
			userid: member.userid,
			...(member.task
				? {
						taskStatus: member.task.status,
						taskStatusLabel: memberTaskStatusLabel(member.task.status),
						send_time: member.task.send_time,
					}
				: {}),
			total: member.total,
			...member.counts,
		}));
		const membersSent = [...this.members.values()].filter(
			(member) => memberTaskStatusLabel(member.task?.status) === 'sent',
		);
		return {
			msgid: this.msgid,
			memberSource: this.memberSource,
			memberCount: this.members.size,
			...(this.memberSource === 'memberTasks' ? { membersSent: membersSent.length } : {}),
			total: this.total,
			byStatus: { ...this.byStatus },
			byMember,
		};
	}
}
