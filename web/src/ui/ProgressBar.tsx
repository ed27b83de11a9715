import { useId } from 'react';
import { formatNumber } from './format';

/** A labelled native progress bar with its figures in words next to it. */
export function ProgressBar({ label, value, max }: { label: string; value: number; max: number }) {
  const id = useId();
  return (
    <div className="progress">
      <label htmlFor={id}>
        {label}: <strong>{formatNumber(value)}</strong> of {formatNumber(max)}
      </label>
      <progress id={id} value={value} max={Math.max(max, 1)} />
    </div>
  );
}
