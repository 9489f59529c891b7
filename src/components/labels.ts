import type { CallState, ExtensionState } from '../core/enums';
import type { OzErrorCode } from '../core/errors';
import type { HistoryDirection } from '../core/types';

/**
 * Every string the components show or announce. Replace any of them with the `labels` prop of a
 * component or with `<OzLabelsProvider labels={…}>`; the rest keep their defaults.
 */
export interface OzLabels {
  /** Label of the number field. */
  number: string;
  numberPlaceholder: string;
  call: string;
  videoCall: string;
  /** Removes the last character of the number field. */
  backspace: string;
  keypad: string;
  /** Shown below the field when input is refused; `reason` comes from checkDialable. */
  refused: (reason: string) => string;
  /** The pasted text was cleaned (separators removed). */
  pasteCleaned: (number: string) => string;
  /** DTMF keys sent during the call. */
  tonesSent: (keys: string) => string;
  /** Call states (null: dialing, before the first answer of the PBX). */
  callStates: Record<CallState, string> & { dialing: string };
  noCall: string;
  incoming: string;
  outgoing: string;
  /** The call's running time, for screen readers next to the visible timer. */
  duration: string;
  /** Toggle buttons keep their name; aria-pressed says whether they are on. */
  mute: string;
  hold: string;
  /** Resume is impossible while the other party holds the call. */
  heldByOther: string;
  transfer: string;
  transferTo: string;
  transferSubmit: string;
  cancel: string;
  hangUp: string;
  /** Accessible name of the group of call buttons. */
  callControls: string;
  incomingCall: string;
  incomingFrom: (party: string) => string;
  accept: string;
  reject: string;
  forward: string;
  forwardTo: string;
  forwardSubmit: string;
  /** The autoplay policy keeps the ringtone silent until the page gets a click. */
  enableRinging: string;
  extensions: string;
  search: string;
  searchPlaceholder: string;
  typeFilter: string;
  allTypes: string;
  extensionCount: (count: number) => string;
  callExtension: (name: string) => string;
  pickup: string;
  pickupExtension: (name: string) => string;
  lamps: Record<ExtensionState, string>;
  noExtensions: string;
  history: string;
  historyDirections: Record<HistoryDirection, string>;
  /** Final states of history records (CallerHungUp, Busy, …); unknown ones are shown as they are. */
  historyStates: Record<string, string>;
  noHistory: string;
  redial: (name: string) => string;
  formatTime: (iso: string) => string;
  video: string;
  localVideo: string;
  remoteVideo: string;
  noRemoteVideo: string;
  devices: string;
  microphone: string;
  speaker: string;
  camera: string;
  defaultDevice: string;
  /** A device without a label (the user has not granted a permission yet). */
  unnamedDevice: (kind: string, index: number) => string;
  noSpeakerChoice: string;
  noDevices: string;
  refreshDevices: string;
  lines: string;
  /** Accessible name of the Softphone's tabs (extensions, history, devices). */
  panels: string;
  messages: string;
  messageText: string;
  send: string;
  noMessages: string;
  me: string;
  connection: Record<
    'idle' | 'connecting' | 'registered' | 'reconnecting' | 'failed' | 'closed',
    string
  >;
  connectedAs: (user: string) => string;
  dismiss: string;
  /** How an action error is shown; `message` is the OzError's message. */
  error: (code: OzErrorCode, message: string) => string;
}

const LETTERS: Record<string, string> = {
  '2': 'ABC',
  '3': 'DEF',
  '4': 'GHI',
  '5': 'JKL',
  '6': 'MNO',
  '7': 'PQRS',
  '8': 'TUV',
  '9': 'WXYZ',
};
/** The letters printed on a phone key. */
export const lettersOf = (key: string): string => LETTERS[key] ?? (key === '0' ? '+' : '');

// Made on first use: importing the components creates nothing.
let dateTime: Intl.DateTimeFormat | undefined;

export const defaultLabels: OzLabels = {
  number: 'Number',
  numberPlaceholder: 'Number or extension',
  call: 'Call',
  videoCall: 'Video call',
  backspace: 'Delete last character',
  keypad: 'Keypad',
  refused: (reason) => reason,
  pasteCleaned: (n) => `Pasted as ${n}`,
  tonesSent: (keys) => `Tones sent: ${keys}`,
  callStates: {
    dialing: 'Calling…',
    RINGING: 'Ringing',
    ANSWERED: 'Answered',
    IN_CALL: 'In call',
    HOLD: 'On hold',
    COMPLETED: 'Call ended',
    BUSY: 'Busy',
    NOT_FOUND: 'Not found',
    REJECTED: 'Declined',
  },
  noCall: 'No call',
  incoming: 'Incoming',
  outgoing: 'Outgoing',
  duration: 'Duration',
  mute: 'Mute',
  hold: 'Hold',
  heldByOther: 'Held by the other party',
  transfer: 'Transfer',
  transferTo: 'Transfer to',
  transferSubmit: 'Transfer call',
  cancel: 'Cancel',
  hangUp: 'Hang up',
  callControls: 'Call controls',
  incomingCall: 'Incoming call',
  incomingFrom: (party) => `Incoming call from ${party}`,
  accept: 'Accept',
  reject: 'Reject',
  forward: 'Forward',
  forwardTo: 'Forward to',
  forwardSubmit: 'Forward call',
  enableRinging: 'The browser blocks the ringtone: click to enable ringing',
  extensions: 'Extensions',
  search: 'Search',
  searchPlaceholder: 'Name or number',
  typeFilter: 'Type',
  allTypes: 'All types',
  extensionCount: (n) => `${n} ${n === 1 ? 'extension' : 'extensions'}`,
  callExtension: (name) => `Call ${name}`,
  pickup: 'Pick up',
  pickupExtension: (name) => `Pick up the call ringing at ${name}`,
  lamps: {
    idle: 'Available',
    ringing: 'Ringing',
    busy: 'Busy',
    onhold: 'On hold',
    offline: 'Offline',
    unknown: 'Unknown',
  },
  noExtensions: 'No extension matches',
  history: 'Call history',
  historyDirections: {
    Inbound: 'Incoming',
    Outbound: 'Outgoing',
    Internal: 'Internal',
    External: 'External',
  },
  historyStates: {
    Busy: 'Busy',
    NotFound: 'Not found',
    Rejected: 'Declined',
    Cancelled: 'Missed',
    NotAnswered: 'Not answered',
  },
  noHistory: 'No calls yet',
  redial: (name) => `Call ${name} again`,
  formatTime: (iso) =>
    (dateTime ??= new Intl.DateTimeFormat(undefined, {
      dateStyle: 'short',
      timeStyle: 'short',
    })).format(new Date(iso)),
  video: 'Video',
  localVideo: 'Your camera',
  remoteVideo: 'Video of the other party',
  noRemoteVideo: 'No video from the other party',
  devices: 'Devices',
  microphone: 'Microphone',
  speaker: 'Speaker',
  camera: 'Camera',
  defaultDevice: 'Default',
  unnamedDevice: (kind, i) => `${kind} ${i}`,
  noSpeakerChoice: 'This browser plays calls through its default speaker',
  noDevices: 'Devices cannot be listed in this browser',
  refreshDevices: 'Refresh devices',
  lines: 'Lines',
  panels: 'Directory, history and devices',
  messages: 'Messages',
  messageText: 'Message',
  send: 'Send',
  noMessages: 'No messages',
  me: 'Me',
  connection: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    registered: 'Connected',
    reconnecting: 'Connection lost, reconnecting…',
    failed: 'Connection failed',
    closed: 'Disconnected',
  },
  connectedAs: (user) => `Connected as ${user}`,
  dismiss: 'Dismiss',
  error: (code, message) =>
    code === 'INVALID_NUMBER'
      ? `Wrong number: ${message}`
      : code === 'NOT_SUPPORTED'
        ? `Not available: ${message}`
        : code === 'NOT_CONNECTED'
          ? 'Not connected to the PBX'
          : message,
};
