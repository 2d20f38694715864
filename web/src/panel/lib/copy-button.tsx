import { useState } from 'react';
import { Button } from './ui/button.tsx';
import { CopyIcon } from '../layout/icons.tsx';

/** Copies a value (webhook URL, verify token, API key) and says so. */
export function CopyButton({ value, label = 'Copiar' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="sm"
      variant="secondary"
      icon={<CopyIcon className="h-4 w-4" />}
      aria-label={`${label}: ${value.length > 40 ? `${value.slice(0, 40)}…` : value}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
        } catch {
          // Without clipboard permission (http, old browsers) the value stays selectable on screen.
        }
        setCopied(true);
        window.setTimeout(() => setCopied(false), 2000);
      }}
    >
      <span aria-live="polite">{copied ? '¡Copiado!' : label}</span>
    </Button>
  );
}

/** A value to paste elsewhere, shown in full with its copy button. */
export function CopyField({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-medium text-slate-800">{label}</span>
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-sm break-all text-slate-900 select-all">{value}</code>
        <CopyButton value={value} />
      </div>
    </div>
  );
}
