/** The customer-group reads shared by the operations and the group picker. */
import { wecomApi } from '../../../shared/transport/api';

export const LIST_GROUPS = wecomApi('POST', 'externalcontact/groupchat/list', {
	changesData: false,
});
export const GET_GROUP = wecomApi('POST', 'externalcontact/groupchat/get', { changesData: false });

/** groupchat/list: limit 1..1000 per page; owner_filter.userid_list at most 100 owners. */
export const GROUP_LIST_PAGE = 1000;
export const OWNERS_PER_REQUEST = 100;
