/** The 客户继承 APIs and the limits their pages state (docs/wecom-apis.md § Customer Transfer). */
import { wecomApi } from '../../../shared/transport/api';

const CUSTOMER_RISK =
	'start a second transfer of the same customers, which WeCom refuses while the first is pending';
const GROUP_RISK =
	'transfer the groups again, using up another of the 2 transfers a group may have in 90 days';

export const TRANSFER_ONJOB = wecomApi('POST', 'externalcontact/transfer_customer', {
	changesData: true,
	repeatRisk: CUSTOMER_RISK,
});
export const TRANSFER_RESIGNED = wecomApi('POST', 'externalcontact/resigned/transfer_customer', {
	changesData: true,
	repeatRisk: CUSTOMER_RISK,
});
export const RESULT_ONJOB = wecomApi('POST', 'externalcontact/transfer_result', {
	changesData: false,
});
export const RESULT_RESIGNED = wecomApi('POST', 'externalcontact/resigned/transfer_result', {
	changesData: false,
});
export const GROUPS_ONJOB = wecomApi('POST', 'externalcontact/groupchat/onjob_transfer', {
	changesData: true,
	repeatRisk: GROUP_RISK,
});
export const GROUPS_RESIGNED = wecomApi('POST', 'externalcontact/groupchat/transfer', {
	changesData: true,
	repeatRisk: GROUP_RISK,
});
export const UNASSIGNED = wecomApi('POST', 'externalcontact/get_unassigned_list', {
	changesData: false,
});

/** external_userid: "最多一次转移100个客户". */
export const CUSTOMERS_PER_CALL = 100;
/** transfer_success_msg: "最多200个字符". */
export const MESSAGE_MAX_CHARS = 200;
/** chat_id_list: "取值范围: 1 ~ 100". */
export const GROUPS_PER_CALL = 100;
/** get_unassigned_list page_size: at most 1000. */
export const UNASSIGNED_PAGE = 1000;
