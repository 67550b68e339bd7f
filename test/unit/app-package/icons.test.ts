import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../../scripts/make-icons';
import { checkIcons } from '../../../scripts/validate-manifest';
import { ROOT } from './sample-environment';

function readIcon(name: string): PNG {
  return PNG.sync.read(readFileSync(join(ROOT, 'appPackage', name)));
}

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
}

describe('Teams app icons', () => {
  it('has a 192×192 colour icon with an opaque background', () => {
    const color = readIcon('color.png');
    assert.equal(color.width, 192);
    assert.equal(color.height, 192);
    for (let i = 3; i < color.data.length; i += 4) assert.equal(color.data[i], 255);
  });

  it('has a 32×32 outline icon', () => {
    const outline = readIcon('outline.png');
    assert.equal(outline.width, 32);
    assert.equal(outline.height, 32);
  });

  it('keeps the outline icon border fully transparent', () => {
    const outline = readIcon('outline.png');
    const last = outline.width - 1;
    for (let i = 0; i < outline.width; i++) {
      for (const [x, y] of [
        [i, 0],
        [i, last],
        [0, i],
        [last, i],
      ] as const) {
        assert.equal(pixel(outline, x, y)[3], 0, `border pixel (${x}, ${y})`);
      }
    }
  });

  it('draws the outline icon only in white, every other pixel fully transparent', () => {
    const outline = readIcon('outline.png');
    let white = 0;
    for (let y = 0; y < outline.height; y++) {
      for (let x = 0; x < outline.width; x++) {
        const [r, g, b, a] = pixel(outline, x, y);
        if (a === 0) continue;
        assert.deepEqual([r, g, b, a], [255, 255, 255, 255], `pixel (${x}, ${y})`);
        white++;
      }
    }
    assert.ok(white > 50, 'the outline icon shows a motif');
  });

  it('commits the icons the generator draws today', () => {
    assert.ok(
      readFileSync(join(ROOT, 'appPackage', 'color.png')).equals(PNG.sync.write(drawColorIcon())),
    );
    assert.ok(
      readFileSync(join(ROOT, 'appPackage', 'outline.png')).equals(
        PNG.sync.write(drawOutlineIcon()),
      ),
    );
  });

  it('reports an outline icon that is not white on transparent', () => {
    const grey = drawOutlineIcon();
    grey.data[0] = 128;
    grey.data[3] = 255;
    const problems = checkIcons(PNG.sync.write(drawColorIcon()), PNG.sync.write(grey));
    assert.deepEqual(problems, ['outline icon must be white on a transparent background']);
  });

  it('reports icons of the wrong size', () => {
    const small = PNG.sync.write(new PNG({ width: 16, height: 16 }));
    const problems = checkIcons(small, small);
    assert.equal(problems.length, 2);
    assert.match(problems[0]!, /192×192/);
    assert.match(problems[1]!, /32×32/);
  });
});
