/**
 * Special functions of the Gaussian, from stdlib (double precision, tested
 * against Boost/Julia references upstream).
 *
 * - `phi(x)` = e^{−x²/2}/√(2π), the standard normal density;
 * - `Phi(x)` = ½ erfc(−x/√2), the standard normal CDF (accurate in both tails);
 * - `erfcx(x)` = e^{x²} erfc(x), the scaled complementary error function, so that
 *   the Mills-type ratio φ(a)/Φ(a) = √(2/π) / erfcx(−a/√2) stays finite for a ≪ 0.
 */
import erf from '@stdlib/math-base-special-erf';
import erfc from '@stdlib/math-base-special-erfc';
import erfcx from '@stdlib/math-base-special-erfcx';
import erfinv from '@stdlib/math-base-special-erfinv';

export { erf, erfc, erfcx, erfinv };

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** Standard normal density. */
export function phi(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Standard normal CDF, Φ(x) = ½ erfc(−x/√2). */
export function Phi(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** φ(a)/Φ(a) (inverse Mills ratio), finite for every a: √(2/π) / erfcx(−a/√2). */
export function phiOverPhi(a: number): number {
  return Math.sqrt(2 / Math.PI) / erfcx(-a / Math.SQRT2);
}
