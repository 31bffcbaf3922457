import sharp from 'sharp';

/**
 * Photo-like test images made in memory: smooth structure (what a perceptual hash sees) plus
 * seeded noise (what a re-encode changes). Each scene is a different picture, not a recolouring.
 */
export type Scene = 'hills' | 'sun' | 'stripes' | 'shapes';

export async function syntheticPhoto(scene: Scene, options: { width?: number; height?: number; seed?: number } = {}): Promise<Buffer> {
  const width = options.width ?? 320;
  const height = options.height ?? 240;
  const random = seededRandom(options.seed ?? 7);
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const base = brightness(scene, x / width, y / height);
      const at = (y * width + x) * 3;
      for (let channel = 0; channel < 3; channel += 1) {
        const tint = channel === 0 ? 1.1 : channel === 1 ? 1 : 0.85;
        pixels[at + channel] = clamp(base * tint + (random() - 0.5) * 30);
      }
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
}

function brightness(scene: Scene, u: number, v: number): number {
  switch (scene) {
    case 'hills':
      return v > 0.5 + 0.15 * Math.sin(u * 7) ? 60 + 40 * u : 200 - 80 * v;
    case 'sun':
      return Math.hypot(u - 0.7, v - 0.3) < 0.18 ? 240 : 40 + 120 * v;
    case 'stripes':
      return 128 + 100 * Math.sin(u * 18 + v * 4);
    case 'shapes': {
      const inBox = u > 0.1 && u < 0.45 && v > 0.55 && v < 0.9;
      const inDisc = Math.hypot(u - 0.65, v - 0.35) < 0.2;
      return inBox ? 230 : inDisc ? 20 : 90 + 60 * u;
    }
  }
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

/** mulberry32: the same noise on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
