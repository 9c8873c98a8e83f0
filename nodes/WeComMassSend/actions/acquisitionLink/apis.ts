/** The 获客助手 APIs and the limits their pages state (docs/wecom-apis.md § Acquisition Link). */
import { wecomApi } from '../../../shared/transport/api';

export const LIST_LINKS = wecomApi('POST', 'externalcontact/customer_acquisition/list_link', {
	changesData: false,
	name: 'customer_acquisition/list_link',
});
export const GET_LINK = wecomApi('POST', 'externalcontact/customer_acquisition/get', {
	changesData: false,
	name: 'customer_acquisition/get',
});
export const CREATE_LINK = wecomApi('POST', 'externalcontact/customer_acquisition/create_link', {
	changesData: true,
	name: 'customer_acquisition/create_link',
	repeatRisk: 'create a second link with the same name and members',
});
export const UPDATE_LINK = wecomApi('POST', 'externalcontact/customer_acquisition/update_link', {
	changesData: true,
	name: 'customer_acquisition/update_link',
});
export const DELETE_LINK = wecomApi('POST', 'externalcontact/customer_acquisition/delete_link', {
	changesData: true,
	name: 'customer_acquisition/delete_link',
});
export const LINK_CUSTOMERS = wecomApi('POST', 'externalcontact/customer_acquisition/customer', {
	changesData: false,
	name: 'customer_acquisition/customer',
});
export const QUOTA = wecomApi('GET', 'externalcontact/customer_acquisition_quota', {
	changesData: false,
	name: 'customer_acquisition_quota',
});
export const STATISTIC = wecomApi('POST', 'externalcontact/customer_acquisition/statistic', {
	changesData: false,
	name: 'customer_acquisition/statistic',
});

/** list_link: limit at most 100. */
export const LINK_LIST_PAGE = 100;
/** customer_acquisition/customer: limit at most 1,000. */
export const LINK_CUSTOMERS_PAGE = 1000;
/** range.user_list: at most 500 members; range.department_list: at most 100 departments. */
export const LINK_MAX_MEMBERS = 500;
export const LINK_MAX_DEPARTMENTS = 100;
