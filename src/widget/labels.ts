import type { OzLabels } from '../components/labels';

/** The few strings of the widget itself; the rest are the components' OzLabels. */
export interface WidgetLabels {
  /** The page has set neither `password` nor `credentials` yet. */
  waitingForLogin: string;
  /** disconnect() was called. */
  offline: string;
  connect: string;
  /** Heading of the list of bad attribute values. */
  problems: string;
  starting: string;
}

export const defaultWidgetLabels: WidgetLabels = {
  waitingForLogin: 'Waiting for the page to sign in',
  offline: 'Offline',
  connect: 'Connect',
  problems: 'This dialer is not set up correctly',
  starting: 'Starting…',
};

/** The `labels` property: any component label or widget label. */
export type OzDialerLabels = Partial<OzLabels & WidgetLabels>;
