/**
 * One WeCom API as this package calls it, declared once next to the code that owns it. Its facts
 * decide behaviour everywhere: the transport's retry rule, the AI-agent opt-in of every operation
 * that calls it, and the API reference test (docs/wecom-apis.md must document it).
 */
export interface WeComApi {
	/** WeCom's name for it, as its documentation and our errors show it, e.g. add_msg_template. */
	name: string;
	method: 'GET' | 'POST';
	/** The full path, e.g. /cgi-bin/externalcontact/add_msg_template. */
	path: string;
	/**
	 * Whether a call may change data in WeCom (send, create, change, delete, upload against a
	 * quota). Such a call is repeated only when it provably never left n8n: after a lost answer
	 * WeCom may have done it. A call that only reads is repeated after busy, 5xx or a lost answer.
	 */
	changesData: boolean;
	/** What a repeat of a lost call could do twice, said in its error, e.g. "remind the members twice". */
	repeatRisk?: string;
	/**
	 * The field WeCom's successful answer always carries (msgid, media_id, template_id, url). An
	 * answer with errcode 0 without it did not come from WeCom as documented (a proxy answering `{}`)
	 * and is an error, not a success.
	 */
	answerField?: string;
}

interface ApiFacts {
	changesData: boolean;
	/** Defaults to the path below /cgi-bin/ without externalcontact/ (WeCom's own short names). */
	name?: string;
	repeatRisk?: string;
	answerField?: string;
}

/** `path` is below /cgi-bin/, e.g. wecomApi('POST', 'externalcontact/add_msg_template', { changesData: true }). */
export function wecomApi(method: WeComApi['method'], path: string, facts: ApiFacts): WeComApi {
	return {
		name: facts.name ?? path.replace(/^externalcontact\//, ''),
		method,
		path: `/cgi-bin/${path}`,
		changesData: facts.changesData,
		...(facts.repeatRisk ? { repeatRisk: facts.repeatRisk } : {}),
		...(facts.answerField ? { answerField: facts.answerField } : {}),
	};
}
