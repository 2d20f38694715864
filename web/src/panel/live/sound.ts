// A short two-tone chime for a new order, synthesised with WebAudio (no file to download).
// Browsers only let a page make sound after the person interacted with it, so the audio context
// is created (or resumed) on the first tap or key press.

let context: AudioContext | null = null;

function unlock() {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    context = null;
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', unlock, { passive: true });
  window.addEventListener('keydown', unlock);
}

/** Plays the chime if the page may make sound; silently nothing otherwise. */
export function playNewOrderChime(): void {
  if (!context || context.state !== 'running') return;
  const start = context.currentTime + 0.01;
  for (const [i, freq] of [880, 1320].entries()) {
    const osc = context.createOscillator();
    const gain = context.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t = start + i * 0.14;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.22);
    osc.connect(gain).connect(context.destination);
    osc.start(t);
    osc.stop(t + 0.25);
  }
}
