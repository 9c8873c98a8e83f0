/** Parameters and sandbox facts the Customer Transfer tests share. */
import { BUSY_MEMBER, seededCustomerId } from '../../../../../tools/sandbox/contacts';

export const op = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'customerTransfer',
	operation,
	...extra,
});

/** zhaoliu (who stays) has 2,500 seeded customers; these are the first `count`. */
export function busyCustomers(count: number, from = 0): string[] {
	return Array.from({ length: count }, (_, i) => seededCustomerId(BUSY_MEMBER, from + i));
}

export const employed = (extra: Record<string, unknown> = {}) => ({
	memberStatus: 'employed',
	handoverUserId: BUSY_MEMBER,
	takeoverUserId: 'zhangsan',
	...extra,
});
