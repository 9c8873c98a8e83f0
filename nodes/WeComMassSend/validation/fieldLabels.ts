/**
 * Parameter names as the user sees them in the editor. Error messages name fields this way; the
 * internal name stays in the error's `field` for flows that branch on it.
 */
const LABELS: Record<string, string> = {
	text: 'Text',
	attachmentsUi: 'Attachments',
	attachmentsJson: 'Attachments (JSON)',
	attachmentUi: 'Attachment',
	attachmentJson: 'Attachment (JSON)',
};

export function labelOf(field: string): string {
	return LABELS[field] ?? field;
}
