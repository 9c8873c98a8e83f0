/**
 * WeCom errcodes this package meets, with what they mean and what the user should do.
 * Source: WeCom's global errcode page (document 90313).
 */
export interface ErrcodeInfo {
	meaning: string;
	fix: string;
}

export const ERRCODES: Record<number, ErrcodeInfo> = {
	[-1]: {
		meaning: 'WeCom is busy',
		fix: 'Try again in a moment; reads are retried automatically.',
	},
	40001: {
		meaning: 'invalid secret',
		fix:
			'Check the Secret in the WeCom API credential: use the 客户联系 secret, or the secret of an ' +
			'app listed under 客户联系 → API → 可调用应用. Repeated wrong secrets get the server IP blocked for an ' +
			'hour.',
	},
	40003: {
		meaning: 'invalid userid',
		fix: 'Check the member user ID (成员 UserID, not the display name).',
	},
	40006: {
		meaning: 'invalid file size',
		fix: 'Files must be larger than 5 bytes and within the size limit of their media type.',
	},
	40007: {
		meaning: 'invalid media_id',
		fix: 'Upload the file again: a media_id is valid for 3 days only.',
	},
	40009: {
		meaning: 'invalid image size',
		fix: 'Images must be at most 10 MB (uploadimg: 2 MB), jpg or png.',
	},
	40011: { meaning: 'invalid video size', fix: 'Videos must be mp4 of at most 10 MB.' },
	40013: { meaning: 'invalid corp id', fix: 'Check the Corp ID (企业ID) in 我的企业 → 企业信息.' },
	40014: {
		meaning: 'invalid access_token',
		fix: 'The token is refreshed automatically; if this persists, check the credential.',
	},
	40058: {
		meaning: 'invalid parameter',
		fix: 'WeCom refused a field of the request; the message names it.',
	},
	40068: {
		meaning: 'invalid tag id',
		fix: 'Check the tag IDs against the corp tag library (get_corp_tag_list); deleted tags are invalid.',
	},
	40096: { meaning: 'invalid external userid', fix: 'Check the customer IDs (external_userid).' },
	41001: {
		meaning: 'access_token missing',
		fix: 'The token is fetched automatically; check the credential.',
	},
	41048: {
		meaning: 'no customer can receive this message',
		fix: 'None of the customers is reachable by the sender; check the customer IDs and the sender.',
	},
	41050: {
		meaning: 'welcome_code expired or invalid',
		fix:
			'A WelcomeCode is valid for 20 seconds and once. Connect Welcome Message → Send directly ' +
			'after the WeCom Trigger, with no waits or slow nodes in between.',
	},
	41051: {
		meaning: 'welcome already delivered or the chat already started',
		fix: 'Another app or the member already greeted this customer.',
	},
	41053: {
		meaning: 'the customer has not accepted chat archiving',
		fix: 'The customer must accept the service terms first.',
	},
	41055: {
		meaning: 'group welcome template limit (100) reached',
		fix: 'Delete unused group welcome templates (Group Welcome Template → Delete) before creating new ones.',
	},
	41096: {
		meaning: 'another app is sending the welcome message',
		fix: 'Retried while the 20-second window is open.',
	},
	42001: { meaning: 'access_token expired', fix: 'The token is refreshed automatically.' },
	45009: {
		meaning: 'frequency limit reached',
		fix: 'Slow down: WeCom allows 10,000 calls per minute per API and corp. Wait for the window to pass.',
	},
	45033: {
		meaning: 'concurrency limit reached',
		fix: 'Lower the number of parallel executions; reads are retried with backoff.',
	},
	48002: {
		meaning: 'API not permitted',
		fix: 'Add the app to 客户联系 → API → 可调用应用, or use the 客户联系 secret.',
	},
	60020: {
		meaning: 'caller IP not trusted',
		fix: 'Add this server’s public IP to the app’s 企业可信IP list.',
	},
	84061: {
		meaning: 'no customer relationship',
		fix: 'The member (userid) has not added this customer (external_userid); check both IDs.',
	},
};

/** Token problems WeCom reports with HTTP 200; n8n only refreshes on HTTP 401, so we do it. */
export const TOKEN_ERRCODES = new Set([40014, 41001, 42001]);

/** WeCom did not process the call (busy / concurrency gate): repeating a read is safe. */
export const TRANSIENT_ERRCODES = new Set([-1, 45033]);

export function describeErrcode(errcode: number): ErrcodeInfo | undefined {
	return ERRCODES[errcode];
}
