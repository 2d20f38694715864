export function Spinner({ size = 'md', label = 'Cargando…' }: { size?: 'sm' | 'md' | 'lg'; label?: string }) {
  const px = size === 'sm' ? 'h-4 w-4 border-2' : size === 'lg' ? 'h-10 w-10 border-4' : 'h-6 w-6 border-[3px]';
  return (
    <span role={label ? 'status' : undefined} className="inline-flex items-center gap-2 text-slate-600">
      <span aria-hidden="true" className={`${px} animate-spin rounded-full border-current border-t-transparent`} />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}

/** A whole-area loading state that keeps its height (no layout jump when data arrives). */
export function PageSpinner({ label = 'Cargando…' }: { label?: string }) {
  return (
    <div className="grid min-h-[40vh] place-items-center text-wa-green">
      <Spinner size="lg" label={label} />
    </div>
  );
}
