/** WeCom's limits that more than one API shares (messages, welcome messages, templates, callbacks). */

/** text.content of a mass message (add_msg_template) or a welcome message (send_welcome_msg), in UTF-8 bytes. */
export const MESSAGE_TEXT_MAX_BYTES = 4000;

/** text.content of a group welcome template (group_welcome_template/add and /edit), in UTF-8 bytes. */
export const TEMPLATE_TEXT_MAX_BYTES = 3000;

/** attachments[] of add_msg_template and send_welcome_msg. */
export const MAX_ATTACHMENTS = 9;

/** A WelcomeCode works for 20 seconds after WeCom sends the add_external_contact event, once. */
export const WELCOME_CODE_LIFETIME_MS = 20_000;
