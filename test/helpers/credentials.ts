import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';
import { Credentials } from 'n8n-core';

import { WeComApi } from '../../credentials/WeComApi.credentials';

/**
 * A credential store behaving like n8n's own CredentialsHelper (packages/cli) for what this
 * package relies on: generic `authenticate` resolved as expressions, and `preAuthentication`
 * run only when the expirable field is empty or the caller says it expired, with the result
 * persisted so later calls reuse the token.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, ICredentialDataDecryptedObject>();
	/** How often preAuthentication results were written back (one per token fetch). */
	persisted = 0;
	/** How often a node read a credential (n8n decrypts it for every read). */
	reads = 0;
	private readonly types: Record<string, ICredentialType> = { weComApi: new WeComApi() };

	set(id: string, data: ICredentialDataDecryptedObject): void {
		this.store.set(id, { ...data });
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		const options = requestOptions as IHttpRequestOptions;
		if (!authenticate || typeof authenticate === 'function') return options;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			const resolved: Record<string, unknown> = {
				...((options as unknown as Record<string, object>)[target] ?? {}),
			};
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				resolved[key] =
					typeof value === 'string' && value.startsWith('=')
						? workflow.expression.getSimpleParameterValue(
								node,
								value,
								'internal',
								{ $credentials: credentials },
								undefined,
								'',
							)
						: value;
			}
			(options as unknown as Record<string, object>)[target] = resolved;
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		const expirable = type?.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!type?.preAuthentication || !expirable) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const id = node.credentials?.[typeName]?.id;
		if (id) {
			this.store.set(id, {
				...(this.store.get(id) ?? {}),
				...(output as ICredentialDataDecryptedObject),
			});
			this.persisted++;
		}
		return Object.assign(credentials, output as ICredentialDataDecryptedObject);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id, name: nodeCredentials.name }, type, '');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		const data = this.store.get(nodeCredentials.id ?? '');
		if (!data) throw new Error(`No test credential with id ${nodeCredentials.id}`);
		return { ...data };
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		this.store.set(nodeCredentials.id ?? '', { ...data });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}
