/** The corp's members: what both the state and the contact book build on (kept apart so neither imports the other). */
export const MEMBERS = ['zhangsan', 'lisi', 'wangwu'] as const;

export function generatedMemberName(i: number): string {
	return i < MEMBERS.length ? MEMBERS[i] : `member${String(i + 1).padStart(4, '0')}`;
}
