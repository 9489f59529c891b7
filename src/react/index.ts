// ozkit/react: <OzProvider> and hooks, each a thin selector over the client's zustand store.
export { OzProvider } from './provider';
export type { OzCredentials, OzProviderProps } from './provider';
export { OzContext, useOzClient } from './context';
export type { OzContextValue } from './context';
export { useConnectionActions, useConnectionState } from './useConnection';
export type { ConnectionActions, ConnectionStatus } from './useConnection';
export { useErrors, useLastError } from './useErrors';
export {
  useExtension,
  useExtensionState,
  useExtensions,
  useHelper,
  useOutsideLine,
  useOutsideLines,
  useUser,
  useUserByExtension,
  useUsers,
} from './useDirectory';
export { useActiveCalls, usePickup, useSession, useSessions } from './useSessions';
export type { ActiveCallsQuery } from './useSessions';
export { useCallHistory } from './useHistory';
export { useCall, useCalls, useIncomingCalls, useMessages } from './useCalls';
export type { CallActions, CallTarget, UseCallResult } from './useCalls';
export { useCamera, useMediaDevices } from './useMedia';
export type { MediaDevicesState } from './useMedia';
export type { MediaSelection } from './mediaSelection';
export { useClients } from './useClients';
export {
  useCallHistoryInfoEvent,
  useCallStateEvent,
  useClientStateEvent,
  useConnectionStateEvent,
  useErrorEvent,
  useIncomingCallEvent,
  useOzEvent,
  useSessionClosedEvent,
  useSessionCreatedEvent,
  useUserInfoEvent,
} from './useEvents';
export type { OzEventHandler, OzEventMap, OzEventName } from './useEvents';
