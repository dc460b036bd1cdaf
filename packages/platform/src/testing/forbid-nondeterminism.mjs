// Preloaded into a synth process by the determinism test: while the engine
// builds and renders (see packages/engine/src/render/rendering.ts), any use
// of the clock or of randomness throws instead of leaking into the output.
const RENDERING = Symbol.for('rke2-platform.rendering');
const guard = (name, original) =>
  function (...args) {
    if (globalThis[RENDERING] > 0) throw new Error(`${name} was called while rendering; output must not depend on time or chance`);
    return original.apply(this, args);
  };
Date.now = guard('Date.now', Date.now);
Math.random = guard('Math.random', Math.random);
