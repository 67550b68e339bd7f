import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** An RGBA colour, each channel 0–255. */
type Rgba = readonly [number, number, number, number];

/** A shape in unit coordinates: (0, 0) is the top-left corner, (1, 1) the bottom-right one. */
type Shape = (x: number, y: number) => boolean;

/** Side of the colour icon, in pixels, as Teams requires. */
export const COLOR_ICON_SIZE = 192;
/** Side of the outline icon, in pixels, as Teams requires. */
export const OUTLINE_ICON_SIZE = 32;

const LAB_BLUE: Rgba = [0x1f, 0x4e, 0x9a, 255];
const LIGHT_YELLOW: Rgba = [0xff, 0xc8, 0x3d, 255];
const WHITE: Rgba = [255, 255, 255, 255];

// 4×4 samples per pixel smooth the colour icon's edges and stay deterministic (no random jitter).
const COLOR_SAMPLES = 4;

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function ring(cx: number, cy: number, outer: number, inner: number): Shape {
  const out = circle(cx, cy, outer);
  const hole = circle(cx, cy, inner);
  return (x, y) => out(x, y) && !hole(x, y);
}

function rect(x0: number, y0: number, x1: number, y1: number): Shape {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** A straight stroke of half-width `w` from (x0, y0) to (x1, y1), with round ends. */
function segment(x0: number, y0: number, x1: number, y1: number, w: number): Shape {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length2 = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length2));
    const px = x0 + t * dx - x;
    const py = y0 + t * dy - y;
    return px * px + py * py <= w * w;
  };
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((shape) => shape(x, y));
}

/** Rays above the bulb: the "idea" sign, fanned from 150° to 30° (screen y points down). */
function rays(cx: number, cy: number, from: number, to: number, w: number): Shape {
  const angles = [150, 115, 90, 65, 30].map((deg) => (deg * Math.PI) / 180);
  return union(
    ...angles.map((a) =>
      segment(
        cx + from * Math.cos(a),
        cy - from * Math.sin(a),
        cx + to * Math.cos(a),
        cy - to * Math.sin(a),
        w,
      ),
    ),
  );
}

function paint(
  size: number,
  samples: number,
  layers: [Shape, Rgba][],
  background: Rgba | null,
): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour: Rgba | null = background;
          for (const [shape, fill] of layers) {
            if (shape(x, y)) colour = fill;
          }
          if (colour !== null) {
            // Premultiplied sums so that transparent samples do not darken the edges.
            sum[0]! += colour[0] * colour[3];
            sum[1]! += colour[1] * colour[3];
            sum[2]! += colour[2] * colour[3];
            sum[3]! += colour[3];
          }
        }
      }
      const offset = (py * size + px) * 4;
      const alpha = sum[3]!;
      for (let c = 0; c < 3; c++) {
        png.data[offset + c] = alpha === 0 ? 0 : Math.round(sum[c]! / alpha);
      }
      png.data[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  return png;
}

/** The 192×192 colour icon: a light bulb with rays on the Lab's blue, fully opaque. */
export function drawColorIcon(): PNG {
  const glass = circle(0.5, 0.43, 0.2);
  const neck = rect(0.41, 0.55, 0.59, 0.66);
  const base = union(
    rect(0.39, 0.68, 0.61, 0.72),
    rect(0.39, 0.745, 0.61, 0.785),
    rect(0.44, 0.81, 0.56, 0.84),
  );
  const filament = union(
    segment(0.45, 0.47, 0.475, 0.56, 0.012),
    segment(0.55, 0.47, 0.525, 0.56, 0.012),
    segment(0.45, 0.47, 0.5, 0.44, 0.012),
    segment(0.55, 0.47, 0.5, 0.44, 0.012),
  );
  return paint(
    COLOR_ICON_SIZE,
    COLOR_SAMPLES,
    [
      [rays(0.5, 0.43, 0.26, 0.35, 0.022), LIGHT_YELLOW],
      [union(glass, neck), LIGHT_YELLOW],
      [filament, LAB_BLUE],
      [base, WHITE],
    ],
    LAB_BLUE,
  );
}

/**
 * The 32×32 outline icon: the same bulb in white on a fully transparent background.
 * One sample per pixel, so every pixel is either pure white or fully transparent, as Teams asks.
 */
export function drawOutlineIcon(): PNG {
  const glass = ring(0.5, 0.38, 0.3, 0.19);
  const neck = union(rect(0.34, 0.6, 0.44, 0.75), rect(0.56, 0.6, 0.66, 0.75));
  const base = union(rect(0.34, 0.78, 0.66, 0.84), rect(0.41, 0.87, 0.59, 0.93));
  return paint(OUTLINE_ICON_SIZE, 1, [[union(glass, neck, base), WHITE]], null);
}

/** Writes color.png and outline.png into `dir` (appPackage/ by default). */
export function writeIcons(dir: string): void {
  writeFileSync(join(dir, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(join(dir, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'appPackage');
  writeIcons(dir);
  console.log(`Icons written to ${dir}`);
}
