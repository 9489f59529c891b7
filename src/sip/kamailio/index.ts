/** Kamailio-specific extras: session control through its JSON-RPC interface. */
export { createKamailioSessionControl, type KamailioSessionControlOptions } from './sessionControl';
export { findDialogs, readDialogs, type KamailioDialog } from './dialogs';
export { createJsonRpcClient, JsonRpcError, type FetchLike, type JsonRpcClient } from './jsonRpc';
