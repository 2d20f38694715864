import type { ReactNode } from 'react';

export function EmptyState({ title, children, action, icon }: { title: string; children?: ReactNode; action?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      {icon ? <div className="text-slate-400">{icon}</div> : null}
      <h2 className="text-lg font-semibold text-slate-800">{title}</h2>
      {children ? <div className="max-w-md text-sm text-slate-600">{children}</div> : null}
      {action}
    </div>
  );
}
