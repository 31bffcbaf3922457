import { greyThumbnail } from './grey-thumbnail';

describe('greyThumbnail', () => {
  it('averages the area each sample covers, whole pixels and fractions of them', () => {
    // 4 x 1 grey to 2 x 1: pairs averaged; 3 x 1 to 2 x 1: the middle pixel split in half.
    expect([...greyThumbnail({ data: Uint8Array.from([0, 100, 200, 255]), width: 4, height: 1, channels: 1 }, 2)].slice(0, 2)).toEqual([50, 228]);
    const third = greyThumbnail({ data: Uint8Array.from([0, 90, 180]), width: 3, height: 1, channels: 1 }, 2);
    expect([third[0], third[1]]).toEqual([30, 150]);
    // 2 x 2 to 4 x 4: each pixel stretched over a 2 x 2 block.
    expect([...greyThumbnail({ data: Uint8Array.from([10, 20, 30, 40]), width: 2, height: 2, channels: 1 }, 4)]).toEqual([
      10, 10, 20, 20, 10, 10, 20, 20, 30, 30, 40, 40, 30, 30, 40, 40,
    ]);
  });

  it('makes colour grey by Rec. 709 luma and flattens transparency onto white', () => {
    const rgb = greyThumbnail({ data: Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]), width: 2, height: 2, channels: 3 }, 2);
    expect([...rgb]).toEqual([54, 182, 18, 255]);
    const rgba = greyThumbnail({ data: Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 128, 255, 255, 255, 128]), width: 2, height: 2, channels: 4 }, 2);
    expect([...rgba]).toEqual([255, 0, 127, 255]);
    const greyAlpha = greyThumbnail({ data: Uint8Array.from([100, 255, 100, 0]), width: 2, height: 1, channels: 2 }, 2);
    expect([greyAlpha[0], greyAlpha[1]]).toEqual([100, 255]);
  });

  it('refuses an empty image or fewer bytes than its size says', () => {
    expect(() => greyThumbnail({ data: new Uint8Array(0), width: 0, height: 1, channels: 1 }, 32)).toThrow(RangeError);
    expect(() => greyThumbnail({ data: new Uint8Array(5), width: 3, height: 2, channels: 1 }, 32)).toThrow(RangeError);
  });
});
