import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { baseUrlRefusal } from './baseUrlPolicy';
import { CREDENTIAL_TYPE, type WeComContext } from './context';
import {
	forgetAccessToken,
	isFresh,
	obtainAccessToken,
	persistOncePerToken,
	tokenIdentityOf,
	tokenSourceOf,
	type TokenSource,
	WeComTokenError,
} from './token';

/**
 * Which access token a call uses: the one stored in the credential while it is fresh and was
 * issued for the credential as it is configured now; otherwise the process cache (one gettoken
 * shared by every caller), and a token new to the credential is then written into it once.
 */
export function storedTokenUsable(
	credentials: IDataObject,
	source: TokenSource,
	now = Date.now(),
): boolean {
	return (
		typeof credentials.accessToken === 'string' &&
		credentials.accessToken !== '' &&
		isFresh(credentials.validUntil, now) &&
		// n8n keeps hidden fields through an edit of the credential: after a change of Corp ID,
		// Secret or Base URL the stored token belongs to the old identity and is not used.
		credentials.tokenIssuedFor === tokenIdentityOf(source)
	);
}

/**
 * @param rejected a token WeCom has just refused (40014/42001/41001): never chosen again.
 */
export async function chooseToken(
	this: WeComContext,
	credentials: IDataObject,
	rejected?: string,
): Promise<string> {
	const source = tokenSourceOf(credentials);
	// Every call carries the token to the Base URL: a host the credential does not allow gets none,
	// not even the one stored in the credential.
	const untrusted = baseUrlRefusal(source.baseUrl, source.trustBaseUrl);
	if (untrusted !== undefined) throw new WeComTokenError(untrusted);
	if (rejected === undefined && storedTokenUsable(credentials, source))
		return String(credentials.accessToken);
	if (rejected !== undefined) forgetAccessToken(source, rejected);
	const token = await obtainAccessToken(
		async (options) => await this.helpers.httpRequest(options),
		source,
	);
	if (
		credentials.accessToken !== token.accessToken ||
		credentials.tokenIssuedFor !== tokenIdentityOf(source)
	) {
		// Per stored credential: two credentials of one corp share the token but each needs the write.
		const credentialId = this.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
		await persistOncePerToken(
			`${credentialId}|${token.accessToken}`,
			async () => await persistToken.call(this, credentials),
		);
	}
	return token.accessToken;
}

/** Answered by n8n's request helper itself (axios reads `data:` URLs locally): no network. */
const LOCAL_URL = 'data:application/json,{}';

/**
 * Writes the process's current token into the stored credential, so other processes (queue-mode
 * workers, the next start) reuse it instead of each fetching one.
 *
 * n8n offers a node no "save credential" call: it persists only inside
 * `httpRequestWithAuthentication`, which runs the credential's `preAuthentication` when the
 * expirable field is empty and stores the result BEFORE it sends the request. So the field is
 * blanked for one request that cannot reach any network; `preAuthentication` finds the token in
 * the process cache (no second gettoken) and n8n saves it with its binding and expiry. The
 * request's own outcome does not matter and is ignored: a failed write only costs another
 * process one gettoken later. Real WeCom calls go through `helpers.httpRequest`, so they get
 * axios's structured errors and no per-call credential expression evaluation.
 */
async function persistToken(this: WeComContext, credentials: IDataObject): Promise<void> {
	const saved = this.getNode().credentials?.[CREDENTIAL_TYPE];
	if (!saved?.id) return;
	const options: IHttpRequestOptions = { method: 'GET', url: LOCAL_URL, json: true };
	try {
		await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options, {
			credentialsDecrypted: {
				id: saved.id,
				name: saved.name,
				type: CREDENTIAL_TYPE,
				data: { ...credentials, accessToken: '' },
			},
		});
	} catch {
		// See above: only the write matters, and n8n does it before the request.
	}
}
