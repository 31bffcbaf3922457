/**
 * The `kept` × `kept` lowest-frequency coefficients of the 2-D DCT-II of a `side` × `side` block of
 * samples, row by row (index 0 is the DC term). Separable: rows first, then columns, and only the
 * frequencies that are kept are computed.
 */
export function lowFrequencyDct(samples: Uint8Array, side: number, kept: number): number[] {
  const cosines = cosineTable(side, kept);
  const rows = new Float64Array(side * kept);
  for (let y = 0; y < side; y += 1) {
    for (let u = 0; u < kept; u += 1) {
      let sum = 0;
      for (let x = 0; x < side; x += 1) sum += samples[y * side + x] * cosines[u * side + x];
      rows[y * kept + u] = sum;
    }
  }
  const result: number[] = [];
  for (let v = 0; v < kept; v += 1) {
    for (let u = 0; u < kept; u += 1) {
      let sum = 0;
      for (let y = 0; y < side; y += 1) sum += rows[y * kept + u] * cosines[v * side + y];
      result.push(sum);
    }
  }
  return result;
}

function cosineTable(side: number, kept: number): Float64Array {
  const table = new Float64Array(kept * side);
  for (let frequency = 0; frequency < kept; frequency += 1) {
    for (let position = 0; position < side; position += 1) {
      table[frequency * side + position] = Math.cos(((2 * position + 1) * frequency * Math.PI) / (2 * side));
    }
  }
  return table;
}
