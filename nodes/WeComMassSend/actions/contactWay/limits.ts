/** WeCom's limits for 「联系我」 (配置客户联系「联系我」方式, document 92228); see docs/wecom-apis.md. */

/** state (渠道参数) and remark: at most 30 characters each. */
export const CONTACT_WAY_TEXT_MAX = 30;
/** Members per contact way, departments expanded. */
export const CONTACT_WAY_MAX_MEMBERS = 100;
/** A temporary session's QR code and the session itself last at most 14 days. */
export const TEMP_MAX_SECONDS = 14 * 86400;
/** list_contact_way: page size 1..1000. */
export const LIST_CONTACT_WAY_PAGE = 1000;
