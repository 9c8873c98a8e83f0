import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** State shared by all items of one execution of the node. */
export interface ExecutionState {
	/** Inline uploads by binary fingerprint, so one file sent to many items is uploaded once. */
	uploads: Map<string, Promise<string>>;
}

/** One output item's JSON; the router adds pairedItem. */
export type OperationResult = IDataObject[];

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	state: ExecutionState,
) => Promise<OperationResult>;
