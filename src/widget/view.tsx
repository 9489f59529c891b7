// The widget's React tree inside the shadow root: the problems of its attributes, or the dialer
// components over this widget's own client.
import { createRoot } from 'react-dom/client';
import { useMemo, type ReactNode } from 'react';
import type { OzClient } from '../core/client';
import { OzContext } from '../react/context';
import { OzLabelsProvider } from '../components/LabelsProvider';
import type { AttributeProblem, WidgetTheme } from './attributes';
import { WidgetBody } from './body';
import { defaultWidgetLabels, type OzDialerLabels, type WidgetLabels } from './labels';

/** Why a configured widget is not connecting by itself. */
export type WidgetNotice = 'waiting-for-login' | 'offline';

export interface WidgetViewProps {
  readonly client: OzClient | null;
  /** null: the page's colour scheme decides. */
  readonly theme: WidgetTheme | null;
  readonly problems: readonly AttributeProblem[];
  readonly notice: WidgetNotice | null;
  readonly onConnect: () => void;
  readonly labels: OzDialerLabels;
}

export interface WidgetView {
  render(props: WidgetViewProps): void;
  unmount(): void;
}

export function mountWidgetView(container: HTMLElement): WidgetView {
  const root = createRoot(container);
  return {
    render: (props) => root.render(<WidgetApp {...props} />),
    unmount: () => root.unmount(),
  };
}

function WidgetApp(props: WidgetViewProps): ReactNode {
  const { client, theme, problems, notice, onConnect, labels } = props;
  const own: WidgetLabels = { ...defaultWidgetLabels, ...labels };
  if (problems.length > 0) return <Problems problems={problems} title={own.problems} />;
  if (!client) return <p className="oz-widget-notice">{own.starting}</p>;
  return (
    // A new client (new attributes) starts a fresh tree: no state of the old one survives.
    <ClientScope key={clientKey(client)} client={client}>
      <OzLabelsProvider labels={labels}>
        <WidgetBody theme={theme} notice={notice} onConnect={onConnect} labels={own} />
      </OzLabelsProvider>
    </ClientScope>
  );
}

/**
 * The widget connects its client itself, so it needs only the context of <OzProvider>, not the
 * provider, whose `options` mode would pull createOzWebClient's defaults into the script.
 */
function ClientScope({ client, children }: { client: OzClient; children: ReactNode }): ReactNode {
  const value = useMemo(() => ({ client, store: client.store }), [client]);
  return <OzContext.Provider value={value}>{children}</OzContext.Provider>;
}

const keys = new WeakMap<OzClient, number>();
let nextKey = 0;
function clientKey(client: OzClient): number {
  let k = keys.get(client);
  if (k === undefined) keys.set(client, (k = ++nextKey));
  return k;
}

function Problems(props: { problems: readonly AttributeProblem[]; title: string }): ReactNode {
  const { problems, title } = props;
  return (
    <div className="oz-widget-problems" role="alert">
      <p className="oz-widget-problems__title">{title}</p>
      <ul>
        {problems.map((p) => (
          <li key={p.attribute + p.message}>{p.message}</li>
        ))}
      </ul>
    </div>
  );
}
