/** WeCom's limits that more than one API shares (facts file: S1, S7, S8/S9, callback). */

/** text.content of a mass message (S1) or a welcome message (S7), in UTF-8 bytes. */
export const MESSAGE_TEXT_MAX_BYTES = 4000;

/** text.content of a group welcome template (S8/S9), in UTF-8 bytes. */
export const TEMPLATE_TEXT_MAX_BYTES = 3000;

/** attachments[] of S1 and S7. */
export const MAX_ATTACHMENTS = 9;

/** A WelcomeCode works for 20 seconds after WeCom sends the add_external_contact event, once. */
export const WELCOME_CODE_LIFETIME_MS = 20_000;
