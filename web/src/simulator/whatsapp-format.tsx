// WhatsApp's text formatting: *bold*, _italic_, ~strike~, ```monospace``` and bare links.
// Builds React nodes (never HTML strings), so bot text cannot inject markup.
import type { ReactNode } from 'react';

const TOKEN = /```([\s\S]+?)```|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~|(https?:\/\/[^\s<]+[^\s<.,;:!?)\]'"])/g;
const WORD = /[\p{L}\p{N}]/u;

/** Markers only count at word edges: "2*3*4" is not bold. */
function atWordEdges(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  return (before === undefined || !WORD.test(before)) && (after === undefined || !WORD.test(after));
}

function formatInline(text: string, keyPrefix: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    const end = start + match[0].length;
    const [, mono, bold, italic, strike, url] = match;
    if (url === undefined && !atWordEdges(text, start, end)) continue;
    if (start > last) nodes.push(text.slice(last, start));
    const key = `${keyPrefix}-${n++}`;
    if (mono !== undefined) nodes.push(<code key={key} className="rounded bg-black/5 px-1 font-mono text-[0.92em]">{mono}</code>);
    else if (bold !== undefined) nodes.push(<strong key={key} className="font-semibold">{formatInline(bold, key)}</strong>);
    else if (italic !== undefined) nodes.push(<em key={key}>{formatInline(italic, key)}</em>);
    else if (strike !== undefined) nodes.push(<s key={key}>{formatInline(strike, key)}</s>);
    else if (url !== undefined)
      nodes.push(
        <a key={key} href={url} target="_blank" rel="noreferrer noopener" className="break-all text-wa-link underline">
          {url}
        </a>,
      );
    last = end;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/** Formatted text; line breaks are kept by the `whitespace-pre-wrap` of the container. */
export function WhatsAppText({ text, className }: { text: string; className?: string }) {
  return <span className={`whitespace-pre-wrap break-words ${className ?? ''}`}>{formatInline(text, 'f')}</span>;
}
