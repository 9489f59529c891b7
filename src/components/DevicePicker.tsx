import { useId, type ReactNode } from 'react';
import { useMediaDevices } from '../react';
import { ActionError } from './internal/ActionError';
import { cx } from './internal/format';
import { useAction } from './internal/useAction';
import type { OzLabels } from './labels';
import { useLabels } from './LabelsProvider';

export type DeviceKind = 'microphone' | 'speaker' | 'camera';

export interface DevicePickerProps {
  /** Which choices to offer, in this order. Default all three. */
  kinds?: readonly DeviceKind[];
  /** Strings to replace for this component (see OzLabels). */
  labels?: Partial<OzLabels>;
  /** Added to the root element's class (`oz-…`). */
  className?: string;
}

const ALL: readonly DeviceKind[] = ['microphone', 'speaker', 'camera'];

/**
 * Microphone, speaker and camera choices (useMediaDevices). It asks for no permission: until
 * the user has granted one, browsers list devices without names, shown as "Microphone 1"….
 */
export function DevicePicker(props: DevicePickerProps): ReactNode {
  const { kinds = ALL, className } = props;
  const labels = useLabels(props.labels);
  const media = useMediaDevices();
  const action = useAction();
  const id = useId();
  const lists = { microphone: media.microphones, speaker: media.speakers, camera: media.cameras };
  const selected = {
    microphone: media.selectedMicrophone,
    speaker: media.selectedSpeaker,
    camera: media.selectedCamera,
  };
  const select = (kind: DeviceKind, deviceId: string | null) => {
    if (kind === 'microphone') media.selectMicrophone(deviceId);
    else if (kind === 'camera') media.selectCamera(deviceId);
    else void action.run(() => media.selectSpeaker(deviceId));
  };

  return (
    <div className={cx('oz-device-picker', className)} role="group" aria-label={labels.devices}>
      {!media.supported && <p className="oz-device-picker__note">{labels.noDevices}</p>}
      {kinds.map((kind) => {
        const noChoice = kind === 'speaker' && media.supported && !media.canSelectSpeaker;
        return (
          <div key={kind} className={`oz-device-picker__field oz-device-picker__field--${kind}`}>
            <label htmlFor={`${id}-${kind}`}>{labels[kind]}</label>
            <select
              id={`${id}-${kind}`}
              className="oz-input"
              value={selected[kind] ?? ''}
              disabled={!media.supported || noChoice}
              aria-describedby={noChoice ? `${id}-${kind}-note` : undefined}
              onChange={(e) => select(kind, e.target.value || null)}
            >
              <option value="">{labels.defaultDevice}</option>
              {lists[kind].map((d, i) => (
                <option key={d.deviceId || i} value={d.deviceId}>
                  {d.label || labels.unnamedDevice(labels[kind], i + 1)}
                </option>
              ))}
            </select>
            {noChoice && (
              <p id={`${id}-${kind}-note`} className="oz-device-picker__note">
                {labels.noSpeakerChoice}
              </p>
            )}
          </div>
        );
      })}
      {media.supported && (
        <button
          type="button"
          className="oz-button oz-device-picker__refresh"
          onClick={() => void action.run(media.refresh)}
        >
          {labels.refreshDevices}
        </button>
      )}
      <ActionError error={action.error} labels={labels} />
    </div>
  );
}
